//! The JIT's knobs: `--jit=on|off` / `PYGC_JIT`, `PYGC_JIT_THRESHOLD`,
//! `--jit-log` / `PYGC_JIT_LOG`, `PYGC_JIT_DUMP=NAME`.

/// Default hotness (calls + loop back-edges) before a function is compiled.
pub const DEFAULT_THRESHOLD: u32 = 1000;

/// How the JIT is configured.
#[derive(Debug, Clone)]
pub struct JitConfig {
    /// Compile hot functions.
    pub on: bool,
    /// Calls + back-edges before compiling (>= 1).
    pub threshold: u32,
    /// Log compiled (and rejected) functions with compile times to stderr.
    pub log: bool,
    /// Print the CLIF of functions with this name or qualified name.
    pub dump: Option<String>,
}

impl Default for JitConfig {
    fn default() -> JitConfig {
        JitConfig {
            on: false,
            threshold: DEFAULT_THRESHOLD,
            log: false,
            dump: None,
        }
    }
}

fn on_off(what: &str, v: &str) -> Result<bool, String> {
    match v {
        "on" | "1" => Ok(true),
        "off" | "0" => Ok(false),
        _ => Err(format!(
            "invalid {what} value '{v}'; valid values: on, off (or 1, 0)"
        )),
    }
}

impl JitConfig {
    /// From the command-line values (`--jit=`, `--jit-log`), which win,
    /// and the environment (`get` reads a variable).
    pub fn parse(
        flag: Option<&str>,
        log_flag: bool,
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<JitConfig, String> {
        let mut c = JitConfig::default();
        if let Some(v) = get("PYGC_JIT") {
            c.on = on_off("PYGC_JIT", &v)?;
        }
        if let Some(v) = flag {
            c.on = on_off("--jit", v)?;
        }
        if let Some(v) = get("PYGC_JIT_THRESHOLD") {
            c.threshold = match v.parse::<u32>() {
                Ok(n) if n >= 1 => n,
                _ => {
                    return Err(format!(
                    "invalid PYGC_JIT_THRESHOLD value '{v}'; valid values: an integer from 1 to {}",
                    u32::MAX
                ))
                }
            };
        }
        if let Some(v) = get("PYGC_JIT_LOG") {
            c.log = on_off("PYGC_JIT_LOG", &v)?;
        }
        c.log |= log_flag;
        c.dump = get("PYGC_JIT_DUMP").filter(|s| !s.is_empty());
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn parses() {
        let c = JitConfig::parse(None, false, env(&[])).unwrap();
        assert!(!c.on && c.threshold == DEFAULT_THRESHOLD && !c.log);
        let c = JitConfig::parse(
            Some("on"),
            false,
            env(&[("PYGC_JIT", "off"), ("PYGC_JIT_THRESHOLD", "7")]),
        )
        .unwrap();
        assert!(c.on && c.threshold == 7);
        let c = JitConfig::parse(None, true, env(&[("PYGC_JIT_DUMP", "f")])).unwrap();
        assert!(c.log && c.dump.as_deref() == Some("f"));
    }

    #[test]
    fn rejects_bad_values() {
        let e = JitConfig::parse(Some("yes"), false, env(&[])).unwrap_err();
        assert!(e.contains("'yes'") && e.contains("on, off"));
        let e = JitConfig::parse(None, false, env(&[("PYGC_JIT_THRESHOLD", "0")])).unwrap_err();
        assert!(e.contains("'0'") && e.contains("PYGC_JIT_THRESHOLD"));
        assert!(JitConfig::parse(None, false, env(&[("PYGC_JIT", "2")])).is_err());
    }
}
