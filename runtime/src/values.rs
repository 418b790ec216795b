// Values: the types of the API's data that are not the spec's own (secrets,
// exact decimals, dates, files), and the crates they come from, re-exported
// so that users need not depend on them. Part of the client runtime (see the
// runtime crate's `lib.rs`), and of the types-only output: nothing here may
// need HTTP.

use std::fmt;

pub use chrono;
pub use rust_decimal;

/// A point in time with the UTC offset the server wrote (`date-time` in the spec).
pub type DateTime = chrono::DateTime<chrono::FixedOffset>;

/// A calendar date (`date` in the spec).
pub type Date = chrono::NaiveDate;

/// A credential or other secret. `Debug` and `Display` print `[redacted]`;
/// read it with [`SecretString::expose_secret`].
#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(Box<str>);

impl SecretString {
    /// Wraps a secret value.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into().into_boxed_str())
    }

    /// The secret itself. Keep it out of logs.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl From<String> for SecretString {
    fn from(secret: String) -> Self {
        Self::new(secret)
    }
}

impl From<&str> for SecretString {
    fn from(secret: &str) -> Self {
        Self::new(secret)
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// An exact decimal number (`type: number` in the spec).
///
/// Amounts of money must not pass through binary floating point on their way
/// to the server: `99999999.99` as an `f32` is `100000000`. A `Decimal`
/// keeps every digit. On the wire it is a JSON number, written with exactly
/// its digits (`2299.5`, `99999999.99`); a value whose digits a JSON number
/// read through `f64` could not carry (more than 15 significant digits) is
/// refused when the request is built rather than silently rounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Decimal(pub rust_decimal::Decimal);

impl Decimal {
    /// The underlying [`rust_decimal::Decimal`], for arithmetic.
    pub const fn get(self) -> rust_decimal::Decimal {
        self.0
    }
}

impl From<rust_decimal::Decimal> for Decimal {
    fn from(value: rust_decimal::Decimal) -> Self {
        Self(value)
    }
}

impl From<Decimal> for rust_decimal::Decimal {
    fn from(value: Decimal) -> Self {
        value.0
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Self(value.into())
    }
}

impl From<i32> for Decimal {
    fn from(value: i32) -> Self {
        Self(value.into())
    }
}

impl From<u32> for Decimal {
    fn from(value: u32) -> Self {
        Self(value.into())
    }
}

impl From<u64> for Decimal {
    fn from(value: u64) -> Self {
        Self(value.into())
    }
}

impl std::str::FromStr for Decimal {
    type Err = rust_decimal::Error;

    /// Parses decimal notation such as `2299.5` (no exponent, no rounding).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        rust_decimal::Decimal::from_str_exact(text).map(Self)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.normalize(), f)
    }
}

impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.0.normalize();
        if value.scale() == 0 {
            if let Ok(integer) = i64::try_from(value) {
                return serializer.serialize_i64(integer);
            }
        }
        // serde's data model has no decimal type, so the number travels as the
        // f64 closest to it; the serializer prints that f64's shortest digits,
        // which are the decimal's own digits whenever the f64 round-trips.
        let text = value.to_string();
        match text.parse::<f64>() {
            Ok(float) if float.is_finite() && format_f64(float) == text => {
                serializer.serialize_f64(float)
            }
            _ => Err(serde::ser::Error::custom(format_args!(
                "the number {text} has more digits than a JSON number can carry exactly"
            ))),
        }
    }
}

fn format_f64(float: f64) -> String {
    // `Display` for f64 prints the shortest digits that round-trip, in plain
    // notation, as the JSON serializer does for numbers of this size.
    let text = float.to_string();
    match text.strip_suffix(".0") {
        Some(integer) => integer.to_owned(),
        None => text,
    }
}

impl<'de> serde::Deserialize<'de> for Decimal {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DecimalVisitor)
    }
}

struct DecimalVisitor;

impl serde::de::Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number")
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Decimal, E> {
        Ok(Decimal(value.into()))
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Decimal, E> {
        Ok(Decimal(value.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Decimal, E> {
        // The JSON parser rounds to the nearest f64 (`float_roundtrip`), whose
        // shortest representation gives back the digits that were sent.
        let text = value.to_string();
        rust_decimal::Decimal::from_str_exact(&text)
            .map(Decimal)
            .map_err(|_| E::custom(format_args!("{text} is out of range for a decimal")))
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Decimal, E> {
        // Some servers send amounts as strings ("22.00"); the digits are exact.
        rust_decimal::Decimal::from_str_exact(value)
            .map(Decimal)
            .map_err(|_| E::custom(format_args!("{value:?} is not a decimal number")))
    }
}

/// A file to upload (a `format: binary` property of a multipart body).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct File {
    /// The name sent with the file.
    pub file_name: String,
    /// Its media type (default `application/octet-stream`).
    pub content_type: String,
    /// Its contents.
    pub bytes: Vec<u8>,
}

impl File {
    /// A file with a name and contents, sent as `application/octet-stream`.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            file_name: file_name.into(),
            content_type: "application/octet-stream".to_owned(),
            bytes: bytes.into(),
        }
    }

    /// Sets the media type, e.g. `application/pdf`.
    #[must_use]
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }
}

impl std::fmt::Debug for File {
    // A document's bytes are no use in a log line, and may be private.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("File")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

impl serde::Serialize for File {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.bytes)
    }
}

impl<'de> serde::Deserialize<'de> for File {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let bytes = <Vec<u8> as serde::Deserialize>::deserialize(deserializer)?;
        Ok(Self::new("", bytes))
    }
}
