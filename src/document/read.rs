//! Reading: bytes from disk to text. Detects binary files and empty files, strips a UTF-8
//! byte-order mark (remembering its length so offsets stay file offsets), decodes UTF-16 with
//! a BOM, and decodes invalid UTF-8 lossily with a warning naming the first bad byte.

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
                "{}: invalid UTF-8 at byte {}, decoded lossily",
                path.display(),
                e.valid_up_to() + base
            ));
            String::from_utf8_lossy(body).into_owned()
        }
    };
    finish(path, text, base, warnings)
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

    #[test]
    fn utf16le() {
        let d = decode(Path::new("a.txt"), b"\xFF\xFEH\0i\0").unwrap();
        assert_eq!(d.text, "Hi");
    }
}
