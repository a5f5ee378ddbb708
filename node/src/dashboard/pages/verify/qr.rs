//! What the certificate's QR code carries, and the code drawn as inline SVG.
//!
//! The code carries the credential itself, its compact VC-JWT, when that
//! fits in a QR code of at most [`MAX_VERSION`] (error correction level M
//! when it fits at M, else level L); otherwise a reference,
//! `vetnet-credential:<id>#sha256=<hex>`, that the credential's downloadable
//! JSON file matches byte for byte (docs/PROTOCOL.md, "The certificate's QR
//! code").
//!
//! Why version 40, M or L: the certificate prints the code with modules of
//! 0.5 mm (9.25 cm for version 40 with its quiet zone), which a 300 dpi
//! printer draws with six dots and a phone camera resolves from 15-20 cm.
//! A vetnet credential's JWT is 2.4-7 kB: even the shortest is larger than
//! the 2,331 bytes of version 40-M, so a lower bound would leave no
//! credential in any code. Level L (2,953 bytes, 7 % of the code
//! restorable) is enough for a flat, clean sheet of paper, and M (15 %) is
//! used whenever the text fits at M. Anything larger gets the reference
//! (about 120 bytes: version 7 at level M, easily scanned).

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode, Version};
use sha2::{Digest, Sha256};

/// The largest QR version the certificate prints.
pub const MAX_VERSION: i16 = 40;

/// The scheme of the reference text.
pub const SCHEME: &str = "vetnet-credential:";

/// What a QR code carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// The compact VC-JWT itself.
    Jwt(String),
    /// The credential's id and the SHA-256 of its JSON file.
    Reference { id: String, sha256: String },
}

impl Payload {
    /// The JWT when it fits in a code of at most [`MAX_VERSION`] (at level
    /// M or L), else the reference to the JSON file `json`.
    pub fn for_credential(id: &str, jwt: &str, json: &str) -> Payload {
        if fits(jwt) {
            Payload::Jwt(jwt.to_owned())
        } else {
            Payload::Reference { id: id.to_owned(), sha256: sha256_hex(json.as_bytes()) }
        }
    }

    /// The text the code carries.
    pub fn text(&self) -> String {
        match self {
            Payload::Jwt(jwt) => jwt.clone(),
            Payload::Reference { id, sha256 } => format!("{SCHEME}{id}#sha256={sha256}"),
        }
    }

    /// Reads a reference text (`vetnet-credential:<id>#sha256=<64 hex>`),
    /// with spaces around it allowed and the hex in either case.
    pub fn parse_reference(text: &str) -> Option<Payload> {
        let rest = text.trim().strip_prefix(SCHEME)?;
        let (id, hash) = rest.split_once("#sha256=")?;
        let valid_hash = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
        let valid_id = id.starts_with("urn:uuid:") && id.len() <= 64 && !id.contains(char::is_whitespace);
        (valid_hash && valid_id).then(|| Payload::Reference { id: id.to_owned(), sha256: hash.to_ascii_lowercase() })
    }

    /// Does the file `bytes` match this reference?
    pub fn matches_file(&self, bytes: &[u8]) -> bool {
        match self {
            Payload::Reference { sha256, .. } => sha256_hex(bytes) == *sha256,
            Payload::Jwt(_) => false,
        }
    }
}

/// The lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The code of `text`: at level M if it fits in [`MAX_VERSION`], else at L.
fn code(text: &str) -> Option<QrCode> {
    [EcLevel::M, EcLevel::L].into_iter().find_map(|level| {
        let code = QrCode::with_error_correction_level(text.as_bytes(), level).ok()?;
        matches!(code.version(), Version::Normal(v) if v <= MAX_VERSION).then_some(code)
    })
}

/// Whether `text` fits in a code of at most [`MAX_VERSION`] (level M or L).
pub fn fits(text: &str) -> bool {
    code(text).is_some()
}

/// A drawn code: its SVG and how many modules wide it is (quiet zone included).
pub struct Drawn {
    pub svg: String,
    pub modules: usize,
    pub version: i16,
    /// `M` or `L`.
    pub level: char,
}

/// The code of `text` as an inline `<svg>` (1 unit per module, with its
/// 4-module quiet zone), labelled by the element `label_id`.
pub fn draw(text: &str, label_id: &str) -> Option<Drawn> {
    let code = code(text)?;
    let version = match code.version() {
        Version::Normal(v) | Version::Micro(v) => v,
    };
    let modules = code.width() + 8;
    let level = if code.error_correction_level() == EcLevel::M { 'M' } else { 'L' };
    let rendered = code.render::<svg::Color>().module_dimensions(1, 1).quiet_zone(true).build();
    let start = rendered.find("<svg ")?;
    let svg = format!(
        "<svg class=\"qr\" role=\"img\" aria-labelledby=\"{label_id}\" focusable=\"false\" {}",
        &rendered[start + 5..]
    );
    Some(Drawn { svg, modules, version, level })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_jwt_is_carried_itself_and_a_long_one_by_reference() {
        let short = "eyJ".to_owned() + &"a".repeat(2900);
        assert_eq!(Payload::for_credential("urn:uuid:x", &short, "{}"), Payload::Jwt(short.clone()));
        let long = "eyJ".to_owned() + &"a".repeat(3000);
        let reference = Payload::for_credential("urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427", &long, "{}\n");
        let text = reference.text();
        let expected =
            format!("vetnet-credential:urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427#sha256={}", sha256_hex(b"{}\n"));
        assert_eq!(text, expected);
        assert_eq!(Payload::parse_reference(&format!("  {text}\n")), Some(reference.clone()));
        assert!(reference.matches_file(b"{}\n"));
        assert!(!reference.matches_file(b"{} \n"));
    }

    #[test]
    fn sha256_is_the_standard_one() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn references_are_read_strictly() {
        let hash = "a".repeat(64);
        assert!(Payload::parse_reference(&format!("vetnet-credential:urn:uuid:1#sha256={hash}")).is_some());
        assert!(Payload::parse_reference(&format!("vetnet-credential:urn:uuid:1#sha256={}", "a".repeat(63))).is_none());
        assert!(
            Payload::parse_reference(&format!("vetnet-credential:urn:uuid:1#sha256={}g", "a".repeat(63))).is_none()
        );
        assert!(Payload::parse_reference(&format!("vetnet-credential:http://x#sha256={hash}")).is_none());
        assert!(Payload::parse_reference("eyJhbGciOiJFZERTQSJ9.e30.sig").is_none());
    }

    #[test]
    fn the_bound_is_version_40_at_level_m_or_else_l() {
        // Version 40 holds 2,331 bytes at level M and 2,953 at L in byte
        // mode (ISO/IEC 18004 table 7).
        let bytes = |n: usize| "~".repeat(n);
        let at_m = draw(&bytes(2331), "qr-label").unwrap();
        assert_eq!((at_m.version, at_m.level, at_m.modules), (40, 'M', 177 + 8));
        let at_l = draw(&bytes(2953), "qr-label").unwrap();
        assert_eq!((at_l.version, at_l.level), (40, 'L'));
        assert!(!fits(&bytes(2954)));
        let small = draw(&bytes(100), "qr-label").unwrap();
        assert_eq!(small.level, 'M');
        assert!(at_m.svg.starts_with("<svg class=\"qr\" role=\"img\" aria-labelledby=\"qr-label\""));
        assert!(!at_m.svg.contains("<?xml"));
    }
}
