//! Reading: bytes from disk to text. Detects binary files and empty files, strips a UTF-8
//! byte-order mark (remembering its length so offsets stay file offsets), decodes UTF-16 with
//! a BOM, and decodes invalid UTF-8 with a warning naming the first bad byte: each invalid
//! byte becomes one `?` (a one-byte character), so the decoded text has exactly the file's
//! length and every later offset is still a file offset (U+FFFD would take three bytes and
//! shift them).

use std::path::Path;

use crate::error::{Error, Result};

/// Text decoded from a file.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// Bytes before `text` starts in the file (a UTF-8 BOM).
    pub offset_base: usize,
    pub warnings: Vec<String>,
}

/// Decode raw bytes; `path` only names the file in errors and warnings.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded> {
    let bad = |reason: &str| Error::BadInput {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let mut warnings = Vec::new();
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let text = decode_utf16(rest, u16::from_le_bytes);
        warnings.push(format!(
            "{}: decoded from UTF-16LE; offsets refer to the decoded text",
            path.display()
        ));
        return finish(path, text, 0, warnings);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let text = decode_utf16(rest, u16::from_be_bytes);
        warnings.push(format!(
            "{}: decoded from UTF-16BE; offsets refer to the decoded text",
            path.display()
        ));
        return finish(path, text, 0, warnings);
    }
    let (body, base) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    if body.contains(&0) {
        return Err(bad("binary file (contains NUL bytes), skipped"));
    }
    let text = match std::str::from_utf8(body) {
        Ok(s) => s.to_string(),
        Err(e) => {
            warnings.push(format!(
                "{}: invalid UTF-8 at byte {}, each invalid byte read as `?`",
                path.display(),
                e.valid_up_to() + base
            ));
            replace_invalid_bytes(body)
        }
    };
    finish(path, text, base, warnings)
}

/// Decode UTF-8, replacing each byte of an invalid sequence by `?`: the result has as many
/// bytes as the input, so byte offsets into it are byte offsets into the file.
fn replace_invalid_bytes(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                // `good` is valid UTF-8 by construction; the fallback never runs.
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len());
                out.extend(std::iter::repeat_n('?', bad));
                bytes = &rest[bad..];
            }
        }
    }
}

fn finish(path: &Path, text: String, offset_base: usize, warnings: Vec<String>) -> Result<Decoded> {
    if text.trim().is_empty() {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            reason: "empty or whitespace-only file, skipped".to_string(),
        });
    }
    Ok(Decoded {
        text,
        offset_base,
        warnings,
    })
}

fn decode_utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_keeps_offset() {
        let d = decode(Path::new("a.txt"), b"\xEF\xBB\xBFHello.").unwrap();
        assert_eq!(d.text, "Hello.");
        assert_eq!(d.offset_base, 3);
    }

    #[test]
    fn rejects_binary_and_empty() {
        assert!(decode(Path::new("a.txt"), b"ab\0cd").is_err());
        assert!(decode(Path::new("a.txt"), b"  \n\t ").is_err());
    }

    #[test]
    fn lossy_utf8_warns_with_offset() {
        let d = decode(Path::new("a.txt"), b"abc\xFFdef").unwrap();
        assert!(d.warnings[0].contains("byte 3"), "{:?}", d.warnings);
    }

    /// Invalid bytes (a lone byte, a truncated sequence, one at the very end) keep the
    /// decoded text as long as the file, so offsets after them are unchanged.
    #[test]
    fn invalid_bytes_keep_file_length() {
        for (input, want) in [
            (&b"abc\xFFdef"[..], "abc?def"),
            (b"a\xE2\x80b", "a??b"),
            (b"\xC3", "?"),
            (b"x\xF0\x9F\x98y \xE2\x80\x99ok", "x???y \u{2019}ok"),
        ] {
            let d = decode(Path::new("a.txt"), input).unwrap();
            assert_eq!(d.text, want);
            assert_eq!(d.text.len(), input.len());
        }
    }

    #[test]
    fn utf16le() {
        let d = decode(Path::new("a.txt"), b"\xFF\xFEH\0i\0").unwrap();
        assert_eq!(d.text, "Hi");
    }
}
