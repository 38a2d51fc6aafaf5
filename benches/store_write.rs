//! What a durable order write costs: `insert_new` (before every send) and `update` (every
//! status change) each end in sled's flush AND an `fdatasync` of the database file, so the
//! order survives a power cut. For comparison, the same write with sled's flush only (what the
//! store did before: `sync_file_range` on Linux, undone by a power cut).
//!
//! The store lives under `target/` (the project's disk, not a tmpfs) and starts empty; it does
//! not need the million-order store. Run: `cargo bench --bench store_write`.

use chrono::{TimeDelta, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use flexy_pos::ledger::reference::{make_ref, next_key};
use flexy_pos::ledger::{Note, OrderRecord, OrderState, Status};
use flexy_pos::money::Dzd;
use flexy_pos::store::Store;
use flexy_pos::testkit::OrderBuilder;
use std::path::{Path, PathBuf};

fn bench_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-data").join("store-write")
}

/// A new 500 DA order with a lifecycle ref, saved and about to be sent.
fn new_order() -> OrderRecord {
    let key = next_key();
    OrderBuilder::new(Utc::now(), 0)
        .key(key)
        .reference(make_ref("bench", key))
        .expected_cost(Dzd::from_dinars(480))
        .price(Dzd::from_dinars(505))
        .changed(TimeDelta::zero(), Status::Saved, Some(Note::SavedSending))
        .build()
}

fn store_write(c: &mut Criterion) {
    let dir = bench_dir();
    let _ = std::fs::remove_dir_all(&dir);
    let store = Store::open(&dir).expect("bench store opens");
    let mut g = c.benchmark_group("store_write");
    g.sample_size(50);
    g.bench_function("insert_new_durable", |b| {
        b.iter(|| store.insert_new(&new_order()).expect("insert"))
    });
    let mut rec = new_order();
    store.insert_new(&rec).expect("insert");
    let mut flip = false;
    g.bench_function("update_durable", |b| {
        b.iter(|| {
            flip = !flip;
            let state = if flip {
                OrderState::Pending
            } else {
                OrderState::Handling
            };
            rec.transition(state, Utc::now(), None);
            store.update(&rec).expect("update")
        })
    });
    // The same bytes with sled's flush alone: the cost before this store synced for real.
    let raw = store.raw_db().open_tree("bench_raw").expect("tree");
    let value = vec![7u8; 400];
    g.bench_function("sled_flush_only", |b| {
        b.iter(|| {
            raw.insert(next_key().to_bytes(), value.as_slice())
                .expect("insert");
            store.raw_db().flush().expect("flush")
        })
    });
    g.finish();
    drop(raw);
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, store_write);
criterion_main!(benches);
