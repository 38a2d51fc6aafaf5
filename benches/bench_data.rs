//! The million-order store shared by the benchmarks (generated once, reused across runs).
#![allow(dead_code)] // each benchmark uses part of this module

use flexy_pos::demo::generate_demo_orders;
use flexy_pos::store::{SCHEMA_VERSION, Store};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub const ORDERS: usize = 1_000_000;
const SEED: u64 = 2025;
/// Bump when the demo generator or the store layout changes.
const DATA_VERSION: u32 = 7;
/// Written last by the generation: a cut-short generation is redone.
const COMPLETE: &str = "bench_data_complete";

pub fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target
        .join("bench-data")
        .join(format!("store-1m-v{DATA_VERSION}-s{SCHEMA_VERSION}"))
}

/// Opens the cached million-order store, generating it first if it is missing or incomplete.
pub fn million_orders() -> Store {
    let dir = data_dir();
    if let Ok(store) = Store::open(&dir) {
        let done = store.get_setting(COMPLETE).ok().flatten();
        if done.as_deref() == Some(&ORDERS.to_string()) && store.count().ok() == Some(ORDERS as u64)
        {
            return store;
        }
    }
    eprintln!("generating {ORDERS} demo orders into {} …", dir.display());
    let _ = std::fs::remove_dir_all(&dir);
    remove_old_versions(&dir);
    let store = Store::open(&dir).expect("bench store opens");
    let started = Instant::now();
    generate_demo_orders(&store, ORDERS, SEED).expect("demo orders");
    store
        .set_setting(COMPLETE, &ORDERS.to_string())
        .expect("marker");
    eprintln!(
        "generated {ORDERS} orders in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    store
}

/// Earlier data versions are 1.5 GB each: keep only the current one.
fn remove_old_versions(current: &Path) {
    let Some(parent) = current.parent() else {
        return;
    };
    for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("store-1m-") && path != current {
            eprintln!("removing old bench data {}", path.display());
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

pub fn folder_size(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            match entry.metadata() {
                Ok(m) if m.is_dir() => stack.push(entry.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

/// A data dir whose practice store is the million-order store (a symlink to it), for
/// benchmarks that start the whole app. The store is generated first when missing.
pub fn practice_dir_with_million_orders() -> PathBuf {
    drop(million_orders());
    let root = data_dir().with_file_name("startup-1m");
    let practice = root.join("practice");
    std::fs::create_dir_all(&practice).expect("bench data dir");
    let link = practice.join("store");
    let _ = std::fs::remove_file(&link);
    #[cfg(unix)]
    std::os::unix::fs::symlink(data_dir(), &link).expect("symlink to the million-order store");
    // Windows allows this in Developer Mode or as an administrator.
    #[cfg(windows)]
    std::os::windows::fs::symlink_dir(data_dir(), &link)
        .expect("symlink to the million-order store");
    root
}
