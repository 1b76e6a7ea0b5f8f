//! Writing to stdout: raw bytes and pretty JSON. A leaf: it imports nothing
//! else from this crate, so every command can use it without importing
//! another command.

use serde_json::Value;
use std::io::Write;

/// Writes bytes to stdout; a closed pipe ends output quietly.
pub fn emit_bytes(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes);
}

/// Writes pretty JSON and a newline to stdout.
pub fn emit_json(value: &Value) {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string());
    emit_bytes(text.as_bytes());
    emit_bytes(b"\n");
}
