//! The GC log: one flat JSON object per line.
//!
//! Each event is [`GcEvent::to_json`]: `kind`, `phase`, `start_ns`,
//! `duration_ns`, `pause`, `bytes_before`, `bytes_after`, `promoted`, `freed`,
//! `pinned`, `raw_bytes`. A run written by [`crate::Recorder::finish`] ends
//! with one line of kind `"run"` that has the same keys (`duration_ns` = wall
//! time, `raw_bytes` = peak raw bytes, `bytes_after` = peak heap) plus
//! `collector`, `settings` (`"key=value;key=value"`) and `peak_rss` (bytes,
//! 0 if unknown). Readers that only know events can skip that kind.
//!
//! This module opens log destinations and parses lines with a small parser
//! for flat objects (string, integer, float, bool and null values).

use crate::timeline::kind_from_str;
use gc_api::{GcEvent, Phase};
use std::fs::File;
use std::io::{self, BufRead, BufWriter, Write};

/// Where log lines go.
pub enum LogSink {
    /// Standard error (`--gc-log -`).
    Stderr,
    /// Anything else (a file, a test buffer).
    Writer(Box<dyn Write + Send>),
}

impl std::fmt::Debug for LogSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LogSink::Stderr => f.write_str("LogSink::Stderr"),
            LogSink::Writer(_) => f.write_str("LogSink::Writer"),
        }
    }
}

impl LogSink {
    /// Opens `dest`: `-` is stderr, anything else a file created (or
    /// truncated) now, so a bad path is reported at startup.
    pub fn open(dest: &str) -> io::Result<LogSink> {
        if dest == "-" {
            return Ok(LogSink::Stderr);
        }
        let f = File::create(dest)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot open GC log '{dest}': {e}")))?;
        Ok(LogSink::Writer(Box::new(BufWriter::new(f))))
    }

    /// Writes `text` (whole lines) and flushes.
    pub fn write_all(&mut self, text: &str) -> io::Result<()> {
        match self {
            LogSink::Stderr => {
                let mut e = io::stderr().lock();
                e.write_all(text.as_bytes())?;
                e.flush()
            }
            LogSink::Writer(w) => {
                w.write_all(text.as_bytes())?;
                w.flush()
            }
        }
    }
}

/// A JSON value in a flat object.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A string.
    Str(String),
    /// A non-negative integer.
    Int(u64),
    /// Any other number.
    Float(f64),
    /// `true` / `false`.
    Bool(bool),
    /// `null`.
    Null,
}

/// Parses one flat JSON object (`{"k": v, ...}`, no nesting).
pub fn parse_flat_object(text: &str) -> Result<Vec<(String, Value)>, String> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    p.ws();
    p.expect(b'{')?;
    let mut out = Vec::new();
    p.ws();
    if p.peek() == Some(b'}') {
        p.i += 1;
    } else {
        loop {
            p.ws();
            let k = p.string()?;
            p.ws();
            p.expect(b':')?;
            p.ws();
            let v = p.value()?;
            out.push((k, v));
            p.ws();
            match p.next() {
                Some(b',') => continue,
                Some(b'}') => break,
                Some(c) => {
                    return Err(format!(
                        "expected ',' or '}}' at column {}, found '{}'",
                        p.i, c as char
                    ))
                }
                None => return Err("unterminated object".into()),
            }
        }
    }
    p.ws();
    if p.i != p.s.len() {
        return Err(format!(
            "unexpected text after the object at column {}",
            p.i + 1
        ));
    }
    Ok(out)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek();
        self.i += c.is_some() as usize;
        c
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.i += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Result<(), String> {
        match self.next() {
            Some(x) if x == c => Ok(()),
            Some(x) => Err(format!(
                "expected '{}' at column {}, found '{}'",
                c as char, self.i, x as char
            )),
            None => Err(format!("expected '{}', found end of line", c as char)),
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.expect(b'"')?;
        let mut out = Vec::new();
        loop {
            match self.next() {
                None => return Err("unterminated string".into()),
                Some(b'"') => break,
                Some(b'\\') => {
                    let c = match self.next() {
                        Some(b'"') => b'"',
                        Some(b'\\') => b'\\',
                        Some(b'/') => b'/',
                        Some(b'n') => b'\n',
                        Some(b't') => b'\t',
                        Some(b'r') => b'\r',
                        Some(b'b') => 8,
                        Some(b'f') => 12,
                        Some(b'u') => {
                            let hex = self
                                .s
                                .get(self.i..self.i + 4)
                                .ok_or("truncated \\u escape")?;
                            let hex = std::str::from_utf8(hex).map_err(|_| "bad \\u escape")?;
                            let n = u32::from_str_radix(hex, 16)
                                .map_err(|_| format!("bad \\u escape '{hex}'"))?;
                            self.i += 4;
                            let ch = char::from_u32(n).unwrap_or('\u{fffd}');
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                            continue;
                        }
                        _ => return Err(format!("bad escape in string at column {}", self.i)),
                    };
                    out.push(c);
                }
                Some(c) => out.push(c),
            }
        }
        String::from_utf8(out).map_err(|_| "string is not UTF-8".to_string())
    }

    fn value(&mut self) -> Result<Value, String> {
        match self.peek() {
            Some(b'"') => Ok(Value::Str(self.string()?)),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'{' | b'[') => Err(format!(
                "nested value at column {} (the log is flat)",
                self.i + 1
            )),
            Some(c) => Err(format!(
                "unexpected '{}' at column {}",
                c as char,
                self.i + 1
            )),
            None => Err("expected a value, found end of line".into()),
        }
    }

    fn word(&mut self, w: &str, v: Value) -> Result<Value, String> {
        if self.s[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            Ok(v)
        } else {
            Err(format!("bad literal at column {}", self.i + 1))
        }
    }

    fn number(&mut self) -> Result<Value, String> {
        let start = self.i;
        while matches!(
            self.peek(),
            Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
        ) {
            self.i += 1;
        }
        let t = std::str::from_utf8(&self.s[start..self.i]).map_err(|_| "bad number")?;
        if let Ok(n) = t.parse::<u64>() {
            return Ok(Value::Int(n));
        }
        match t.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(format!("bad number '{t}' at column {}", start + 1)),
        }
    }
}

/// The `"run"` trailer of a log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunRecord {
    /// Collector name.
    pub collector: String,
    /// Effective settings.
    pub settings: Vec<(String, String)>,
    /// Wall time, ns.
    pub wall_ns: u64,
    /// Peak RSS, bytes (None if unknown).
    pub peak_rss_bytes: Option<u64>,
    /// Peak raw bytes.
    pub peak_raw_bytes: u64,
    /// Peak GC heap bytes.
    pub peak_heap_bytes: u64,
}

impl RunRecord {
    /// The trailer line (no newline).
    pub fn to_json(&self) -> String {
        let settings: Vec<String> = self
            .settings
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        format!(
            "{{\"kind\":\"run\",\"phase\":\"idle\",\"start_ns\":0,\"duration_ns\":{},\"pause\":false,\"bytes_before\":0,\"bytes_after\":{},\"promoted\":0,\"freed\":0,\"pinned\":0,\"raw_bytes\":{},\"collector\":{},\"settings\":{},\"peak_rss\":{}}}",
            self.wall_ns,
            self.peak_heap_bytes,
            self.peak_raw_bytes,
            json_string(&self.collector),
            json_string(&settings.join(";")),
            self.peak_rss_bytes.unwrap_or(0)
        )
    }
}

/// One parsed log line.
#[derive(Clone, Debug, PartialEq)]
pub enum LogLine {
    /// A GC event.
    Event(GcEvent),
    /// The run trailer.
    Run(RunRecord),
}

fn phase_from_str(s: &str) -> Option<Phase> {
    [
        Phase::Idle,
        Phase::Scanning,
        Phase::Marking,
        Phase::Sweeping,
        Phase::Finalizing,
        Phase::Compacting,
    ]
    .into_iter()
    .find(|p| p.as_str() == s)
}

/// Parses one log line.
pub fn parse_line(line: &str) -> Result<LogLine, String> {
    let fields = parse_flat_object(line)?;
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v);
    let int = |k: &str, required: bool| -> Result<u64, String> {
        match get(k) {
            Some(Value::Int(n)) => Ok(*n),
            Some(v) => Err(format!(
                "\"{k}\" must be a non-negative integer, found {v:?}"
            )),
            None if required => Err(format!("missing \"{k}\"")),
            None => Ok(0),
        }
    };
    let kind = match get("kind") {
        Some(Value::Str(s)) => s.as_str(),
        Some(v) => return Err(format!("\"kind\" must be a string, found {v:?}")),
        None => return Err("missing \"kind\"".into()),
    };
    if kind == "run" {
        let text = |k: &str| match get(k) {
            Some(Value::Str(s)) => s.clone(),
            _ => String::new(),
        };
        let settings = text("settings")
            .split(';')
            .filter(|s| !s.is_empty())
            .map(|kv| match kv.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (kv.to_string(), String::new()),
            })
            .collect();
        let rss = int("peak_rss", false)?;
        return Ok(LogLine::Run(RunRecord {
            collector: text("collector"),
            settings,
            wall_ns: int("duration_ns", true)?,
            peak_rss_bytes: (rss > 0).then_some(rss),
            peak_raw_bytes: int("raw_bytes", false)?,
            peak_heap_bytes: int("bytes_after", false)?,
        }));
    }
    let kind = kind_from_str(kind).ok_or_else(|| format!("unknown kind \"{kind}\""))?;
    let mut ev = GcEvent::new(kind, int("start_ns", true)?);
    ev.phase = match get("phase") {
        Some(Value::Str(s)) => phase_from_str(s).ok_or_else(|| format!("unknown phase \"{s}\""))?,
        Some(v) => return Err(format!("\"phase\" must be a string, found {v:?}")),
        None => Phase::Idle,
    };
    ev.duration_ns = int("duration_ns", true)?;
    ev.pause = match get("pause") {
        Some(Value::Bool(b)) => *b,
        Some(v) => return Err(format!("\"pause\" must be true or false, found {v:?}")),
        None => return Err("missing \"pause\"".into()),
    };
    ev.bytes_before = int("bytes_before", false)?;
    ev.bytes_after = int("bytes_after", false)?;
    ev.promoted = int("promoted", false)?;
    ev.freed = int("freed", false)?;
    ev.pinned = int("pinned", false)?;
    ev.raw_bytes = int("raw_bytes", false)?;
    Ok(LogLine::Event(ev))
}

/// A log read back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedLog {
    /// The events, in file order.
    pub events: Vec<GcEvent>,
    /// The trailer, if the run wrote one.
    pub run: Option<RunRecord>,
    /// Lines skipped by a lenient read.
    pub skipped_lines: usize,
}

/// A problem reading a log.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read.
    Io(io::Error),
    /// Line `line` (1-based) is not a valid log line.
    Malformed {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::Malformed { line, message } => write!(f, "line {line}: {message}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads a whole log. Blank lines are skipped.
pub fn read_log(r: impl BufRead) -> Result<ParsedLog, ReadError> {
    read_log_with(r, false)
}

/// Reads a whole log; with `lenient`, lines that do not start with `{` (other
/// output sharing stderr with `--gc-log -`) are skipped and counted in
/// [`ParsedLog::skipped_lines`] instead of being errors.
pub fn read_log_with(r: impl BufRead, lenient: bool) -> Result<ParsedLog, ReadError> {
    let mut out = ParsedLog::default();
    for (i, line) in r.lines().enumerate() {
        let line = line.map_err(|e| match e.kind() {
            io::ErrorKind::InvalidData => ReadError::Malformed {
                line: i + 1,
                message: "not UTF-8".into(),
            },
            _ => ReadError::Io(e),
        })?;
        if line.trim().is_empty() {
            continue;
        }
        if lenient && !line.trim_start().starts_with('{') {
            out.skipped_lines += 1;
            continue;
        }
        match parse_line(&line).map_err(|message| ReadError::Malformed {
            line: i + 1,
            message,
        })? {
            LogLine::Event(e) => out.events.push(e),
            LogLine::Run(r) => out.run = Some(r),
        }
    }
    Ok(out)
}

/// `s` as a JSON string literal.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gc_api::EventKind;

    #[test]
    fn events_round_trip_through_to_json() {
        let mut e = GcEvent::new(EventKind::MajorStep, 123);
        e.phase = Phase::Sweeping;
        e.duration_ns = 456;
        e.pause = true;
        e.bytes_before = 1 << 40;
        e.bytes_after = 7;
        e.promoted = 8;
        e.freed = 9;
        e.pinned = 10;
        e.raw_bytes = 11;
        assert_eq!(parse_line(&e.to_json()), Ok(LogLine::Event(e)));
    }

    #[test]
    fn run_trailer_round_trips() {
        let r = RunRecord {
            collector: "incminimark".into(),
            settings: vec![
                ("nursery".into(), "4MB".into()),
                ("verify".into(), "0".into()),
            ],
            wall_ns: 5_000_000,
            peak_rss_bytes: Some(123456),
            peak_raw_bytes: 99,
            peak_heap_bytes: 1 << 20,
        };
        assert_eq!(parse_line(&r.to_json()), Ok(LogLine::Run(r.clone())));
        let no_rss = RunRecord {
            peak_rss_bytes: None,
            ..r
        };
        assert_eq!(parse_line(&no_rss.to_json()), Ok(LogLine::Run(no_rss)));
    }

    #[test]
    fn flat_parser_values_and_errors() {
        let f =
            parse_flat_object(r#" {"a": "x\"\u0041", "b": -1.5, "c": null, "d": false, "e": 12} "#)
                .unwrap();
        assert_eq!(f[0], ("a".into(), Value::Str("x\"A".into())));
        assert_eq!(f[1].1, Value::Float(-1.5));
        assert_eq!(f[2].1, Value::Null);
        assert_eq!(f[3].1, Value::Bool(false));
        assert_eq!(f[4].1, Value::Int(12));
        assert_eq!(parse_flat_object("{}").unwrap(), vec![]);
        for bad in [
            "",
            "{",
            "{\"a\":}",
            "{\"a\":1",
            "{\"a\":{}}",
            "[1]",
            "{\"a\":1} x",
            "{\"a\" 1}",
            "{\"a\":tru}",
        ] {
            assert!(parse_flat_object(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn bad_event_lines_say_why() {
        let err = |l: &str| parse_line(l).unwrap_err();
        assert!(err(r#"{"start_ns":1}"#).contains("missing \"kind\""));
        assert!(
            err(r#"{"kind":"mega","start_ns":1,"duration_ns":1,"pause":true}"#)
                .contains("unknown kind")
        );
        assert!(err(r#"{"kind":"minor","duration_ns":1,"pause":true}"#).contains("start_ns"));
        assert!(
            err(r#"{"kind":"minor","start_ns":-4,"duration_ns":1,"pause":true}"#)
                .contains("start_ns")
        );
        assert!(
            err(r#"{"kind":"minor","start_ns":1,"duration_ns":1,"pause":1}"#).contains("pause")
        );
        assert!(err(
            r#"{"kind":"minor","phase":"napping","start_ns":1,"duration_ns":1,"pause":true}"#
        )
        .contains("phase"));
    }

    #[test]
    fn read_log_numbers_malformed_lines() {
        let mut e = GcEvent::new(EventKind::Minor, 5);
        e.duration_ns = 10;
        let text = format!("{}\n\n{}\nnot json\n", e.to_json(), e.to_json());
        match read_log(text.as_bytes()) {
            Err(ReadError::Malformed { line, .. }) => assert_eq!(line, 4),
            other => panic!("{other:?}"),
        }
        let ok = read_log(format!("{}\n{}\n", e.to_json(), e.to_json()).as_bytes()).unwrap();
        assert_eq!(ok.events.len(), 2);
        assert_eq!(ok.run, None);
        let mixed = format!(
            "pygc: warning\n{}\nGC summary: x\n  {}\n",
            e.to_json(),
            e.to_json()
        );
        assert!(matches!(
            read_log(mixed.as_bytes()),
            Err(ReadError::Malformed { line: 1, .. })
        ));
        let lenient = read_log_with(mixed.as_bytes(), true).unwrap();
        assert_eq!((lenient.events.len(), lenient.skipped_lines), (2, 2));
        // Lenient still rejects broken objects.
        assert!(matches!(
            read_log_with("{\"kind\":1}\n".as_bytes(), true),
            Err(ReadError::Malformed { line: 1, .. })
        ));
    }

    /// Random JSON-ish garbage never panics the parser (user input).
    #[test]
    fn garbage_never_panics() {
        let alphabet = b"{}[]:,\"\\u0123456789-+.eEtrufalsn kindpause_\xc3\xa9";
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let good = GcEvent::new(EventKind::Minor, 1).to_json().into_bytes();
        for case in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 58) as usize;
            let mut bytes: Vec<u8> = if case % 2 == 0 {
                good.clone()
            } else {
                Vec::new()
            };
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let c = alphabet[(seed >> 33) as usize % alphabet.len()];
                if case % 2 == 0 && !bytes.is_empty() {
                    let at = (seed >> 20) as usize % bytes.len();
                    bytes[at] = c;
                } else {
                    bytes.push(c);
                }
            }
            let text = String::from_utf8_lossy(&bytes);
            let _ = parse_line(&text);
        }
    }

    #[test]
    fn json_string_escapes() {
        assert_eq!(json_string("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
