//! Number formatting for the JSON form.

use serde::Serializer;

/// Writes whole amounts as integers (`9250`, as the contract shows) and others as decimals.
pub(crate) fn serialize_amount<S: Serializer>(
    amount: &f64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    // 2^53: every integer below it is exact in an f64, so the cast loses nothing.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if amount.fract() == 0.0 && amount.abs() < EXACT {
        serializer.serialize_i64(*amount as i64)
    } else {
        serializer.serialize_f64(*amount)
    }
}
