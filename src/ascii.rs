//! Byte-level helpers for the stages that scan raw text (document, segment, voice): the
//! ASCII facts their fast paths rest on, and counts written without branches, in blocks
//! summed as bytes, so that the compiler turns them into vector code 16 bytes wide.

/// Whether `b` is one of the ASCII bytes `char::is_whitespace` accepts: tab, line feed,
/// vertical tab, form feed, carriage return and space (`u8::is_ascii_whitespace` leaves out
/// the vertical tab). Without a branch.
pub(crate) fn is_space(b: u8) -> bool {
    (b.wrapping_sub(b'\t') < 5) | (b == b' ')
}

/// Bytes per block of [`count`] and [`count_pairs`]: a block's count fits a `u8`, and the
/// block is a whole number of 16-byte vectors (with a wider sum the vectors are 2 wide).
const BLOCK: usize = 240;

/// How many bytes of `b` satisfy `f` (which should not branch).
pub(crate) fn count(b: &[u8], f: impl Fn(u8) -> bool) -> usize {
    b.chunks(BLOCK)
        .map(|c| usize::from(c.iter().map(|&x| u8::from(f(x))).sum::<u8>()))
        .sum()
}

/// How many pairs of neighbouring bytes `(b[i], b[i + 1])` satisfy `f` (which should not
/// branch).
pub(crate) fn count_pairs(b: &[u8], f: impl Fn(u8, u8) -> bool) -> usize {
    let next = b.get(1..).unwrap_or_default();
    b.chunks(BLOCK)
        .zip(next.chunks(BLOCK))
        .map(|(p, q)| {
            usize::from(
                p.iter()
                    .zip(q)
                    .map(|(&x, &y)| u8::from(f(x, y)))
                    .sum::<u8>(),
            )
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_is_char_whitespace_on_ascii() {
        for b in 0..=127u8 {
            assert_eq!(is_space(b), char::from(b).is_whitespace(), "{b}");
        }
    }

    #[test]
    fn counts_agree_with_plain_loops() {
        let text: Vec<u8> = (0..1000u32).map(|i| (i * 37 % 128) as u8).collect();
        for len in [0, 1, 2, 239, 240, 241, 480, 481, 1000] {
            let b = &text[..len];
            let odd = |x: u8| x.is_multiple_of(3);
            assert_eq!(
                count(b, odd),
                b.iter().filter(|&&x| odd(x)).count(),
                "{len}"
            );
            let rise = |x: u8, y: u8| x < y;
            assert_eq!(
                count_pairs(b, rise),
                b.windows(2).filter(|w| rise(w[0], w[1])).count(),
                "{len}"
            );
        }
    }
}
