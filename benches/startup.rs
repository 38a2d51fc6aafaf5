//! Start to first frame with a million-order history (target: under 200 ms).
//!
//! Each iteration does what `flexy-pos` does before the till is usable, on the same
//! million-order store the store benchmark uses: open the store, start the practice emulator,
//! build the client and the lifecycle (`Session::start`), read the newest history page, and
//! draw a full 120×40 frame of it. Process start-up itself (exec, dynamic linking) is measured
//! separately with `farm-bench` in the README.

#[path = "bench_data.rs"]
mod bench_data;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use flexy_pos::config::{Config, Mode};
use flexy_pos::rules::PriceRule;
use flexy_pos::session::Session;
use flexy_pos::store::OrderQuery;
use flexy_pos::text::BidiMode;
use flexy_pos::ui::state::history_rows_for_height;
use flexy_pos::ui::{AppState, Msg, UiSettings, step, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

fn practice_config(data_dir: &Path) -> Config {
    Config {
        mode: Mode::Practice {
            speed: 1.0,
            balance: 100_000,
        },
        data_dir: data_dir.to_path_buf(),
        config_file: None,
        pricing: PriceRule::default(),
        bidi: BidiMode::App,
        language: flexy_pos::i18n::Resolved {
            lang: flexy_pos::i18n::Lang::Fr,
            source: flexy_pos::i18n::LangSource::Default,
        },
        poll_interval: Duration::from_secs(5),
        unknown_recheck: Duration::from_secs(3600),
        plans_max_age: Duration::from_secs(24 * 3600),
        day_starts_at: chrono::NaiveTime::MIN,
        log_retention_days: 30,
        terminal: None,
        timezone: flexy_pos::config::DEFAULT_TIMEZONE,
        printer: flexy_pos::config::PrinterSettings::default(),
        shop: flexy_pos::config::ShopInfo::default(),
    }
}

/// One cold start: returns the time until the first history frame is drawn.
async fn start_to_first_frame(data_dir: &Path) -> Duration {
    let started = Instant::now();
    let session = Session::start(practice_config(data_dir), false)
        .await
        .expect("session starts");
    let rows = history_rows_for_height(40);
    let page = session
        .store()
        .page(&OrderQuery::default(), None, rows)
        .expect("newest page");
    let mut state = AppState::new(UiSettings::default(), chrono::Utc::now());
    step(&mut state, Msg::Resize(120, 40));
    step(
        &mut state,
        Msg::Key(KeyEvent::new(KeyCode::F(4), KeyModifiers::NONE)),
    );
    let has_more = page.has_more();
    let query_id = state.history.query_id;
    step(
        &mut state,
        Msg::HistoryPage {
            query_id,
            orders: page.orders,
            has_more,
        },
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    terminal
        .draw(|f| view(black_box(&mut state), f))
        .expect("first frame");
    let elapsed = started.elapsed();
    session.shutdown().await;
    elapsed
}

fn startup(c: &mut Criterion) {
    let data_dir = bench_data::practice_dir_with_million_orders();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("start_to_first_frame_1m_orders", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                total += rt.block_on(start_to_first_frame(&data_dir));
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
