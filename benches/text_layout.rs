//! Laying out a refund message: a 300-character mixed Arabic/Latin/digits message at width 60
//! (sanitize, wrap, shape, bidi reorder). Target: median well under 50 µs.
//! Run: `cargo bench --bench text_layout`.

use criterion::{Criterion, criterion_group, criterion_main};
use flexy_pos::text::{BidiMode, layout, paragraph_lines};
use std::hint::black_box;

/// About 300 characters: the UNKNOWN_ERROR text plus amounts, a phone number, plan codes,
/// brackets and harakat.
fn message() -> String {
    let text = "هذه العملية حالتها غير معروفة، يرجى التأكد مع عميلك، ولن نتحمل أي مسؤولية عن أي خسائر. \
                إذا فشلت العملية بالفعل، فلا تقلق، سيتم استرداد أموالك خلال 24 ساعة. \
                الرقم 0661234567 (+213 661 23 45 67) العرض PREPAID_MOBILIS غير متوفر، \
                جرب «MIX500_MOBILIS» بـ 500 دج أو [1 000,50 DA]. مُحَمَّد: لا، الأمر إلا بعد التحقق؟";
    assert!(
        (290..=330).contains(&text.chars().count()),
        "{}",
        text.chars().count()
    );
    text.to_owned()
}

fn bench(c: &mut Criterion) {
    let text = message();
    c.bench_function("layout 300 chars mixed, width 60, app", |b| {
        b.iter(|| layout(black_box(&text), black_box(60), BidiMode::App))
    });
    c.bench_function("paragraph_lines 300 chars mixed, width 60, app", |b| {
        b.iter(|| paragraph_lines(black_box(&text), black_box(60), BidiMode::App))
    });
    c.bench_function("layout 300 chars mixed, width 60, terminal", |b| {
        b.iter(|| layout(black_box(&text), black_box(60), BidiMode::Terminal))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
