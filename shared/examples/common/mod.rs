//! What the native benchmarks of `shared` share (`city_bench`,
//! `dashboard_bench`, `listing_bench`).
#![allow(dead_code)] // each example uses its part

/// A count from the environment (`DVK_BENCH_*`), else `default`.
pub fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Median, min and max of `v` (not empty).
pub fn median(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[0], v[v.len() - 1])
}
