//! Floating-point widths: which of half (2 bytes), single (4) and double
//! (8) precision holds a value exactly, so the shortest is written and a
//! longer one refused (RFC 8949 section 4.2.1).

/// The smallest positive normal half-precision value, 2^-14.
const HALF_MIN_NORMAL: f64 = 6.103_515_625e-5;
/// The largest finite half-precision value.
const HALF_MAX: f64 = 65_504.0;

/// Whether the finite `value` is exactly representable in half precision.
pub(crate) fn fits_half(value: f64) -> bool {
    let magnitude = value.abs();
    if magnitude == 0.0 {
        return true;
    }
    if magnitude < HALF_MIN_NORMAL {
        // Subnormal halves are the multiples of 2^-24 below 2^-14.
        let steps = magnitude * 16_777_216.0;
        return steps.fract() == 0.0 && steps < 1024.0;
    }
    if magnitude > HALF_MAX || !fits_single(magnitude) {
        return false;
    }
    // A normal half keeps 10 of single precision's 23 fraction bits.
    (magnitude as f32).to_bits() & 0x1fff == 0
}

/// Whether the finite `value` is exactly representable in single precision.
pub(crate) fn fits_single(value: f64) -> bool {
    f64::from(value as f32) == value
}

/// The value of a half-precision float.
pub(crate) fn half_to_f64(bits: u16) -> f64 {
    let sign = if bits & 0x8000 == 0 { 1.0 } else { -1.0 };
    let exponent = i32::from((bits >> 10) & 0x1f);
    let fraction = f64::from(bits & 0x3ff);
    match exponent {
        0 => sign * fraction * 2f64.powi(-24),
        31 if fraction == 0.0 => sign * f64::INFINITY,
        31 => f64::NAN,
        _ => sign * (1.0 + fraction / 1024.0) * 2f64.powi(exponent - 15),
    }
}

/// The half-precision bits of a value for which [`fits_half`] holds.
pub(crate) fn f64_to_half(value: f64) -> u16 {
    let sign: u16 = if value.is_sign_negative() { 0x8000 } else { 0 };
    let magnitude = value.abs();
    if magnitude == 0.0 {
        return sign;
    }
    if magnitude < HALF_MIN_NORMAL {
        return sign | (magnitude * 16_777_216.0) as u16;
    }
    let bits = (magnitude as f32).to_bits();
    let exponent = ((bits >> 23) & 0xff) as i32 - 127 + 15;
    let fraction = ((bits >> 13) & 0x3ff) as u16;
    sign | ((exponent as u16) << 10) | fraction
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_exact() {
        for value in [0.0, 1.0, 1.5, 7.5, 240.0, 65_504.0, 5.960_464_477_539_063e-8, -2.0] {
            assert!(fits_half(value), "{value}");
            assert_eq!(half_to_f64(f64_to_half(value)), value);
        }
        for value in [0.1, 65_505.0, 100_000.0, 1.0 / 3.0] {
            assert!(!fits_half(value), "{value}");
        }
        assert!(fits_single(100_000.0));
        assert!(!fits_single(0.1));
    }
}
