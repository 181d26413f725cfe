//! Percent-encoding normalisation (RFC 3986 §6.2.2.1 and §6.2.2.2).

/// `text` with escapes of unreserved characters decoded and the hex digits of every other
/// escape upper-cased. A `%` not followed by two hex digits is left as it is: it is not an
/// escape, and rewriting it could make one.
pub(crate) fn normalize_escapes(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    let mut i = 0;
    while i < bytes.len() {
        let escape = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(hi, lo)| (hi << 4) | lo),
            _ => None,
        };
        let Some(byte) = escape else {
            i += 1;
            continue;
        };
        out.push_str(&text[rest..i]);
        if is_unreserved(byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
        i += 3;
        rest = i;
    }
    out.push_str(&text[rest..]);
    out
}

/// RFC 3986 §2.3 unreserved characters: encoding them or not means the same URL.
pub(crate) fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

fn hex(digit: u8) -> Option<u8> {
    char::from(digit).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_unreserved_and_uppercases_the_rest() {
        assert_eq!(normalize_escapes("%7euser%2dname"), "~user-name");
        assert_eq!(normalize_escapes("a%2fb%c3%a9"), "a%2Fb%C3%A9");
        assert_eq!(normalize_escapes("100%"), "100%");
        assert_eq!(normalize_escapes("%zz%4"), "%zz%4");
        assert_eq!(normalize_escapes("%2541"), "%2541");
        assert_eq!(normalize_escapes("é%41"), "éA");
    }
}
