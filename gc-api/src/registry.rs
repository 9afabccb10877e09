//! Collector registry entries: a name, a one-line description and a
//! constructor. The list of collectors itself lives in the `gc-registry`
//! crate (one line per collector), which depends on every collector crate.

use crate::collector::{Collector, CollectorEnv};
use crate::config::{ConfigError, GcConfig};

/// Builds a collector from a configuration.
pub type BuildFn = fn(&GcConfig, CollectorEnv) -> Result<Box<dyn Collector>, ConfigError>;

/// One selectable collector.
#[derive(Clone, Copy)]
pub struct CollectorEntry {
    /// The name for `--gc=NAME`.
    pub name: &'static str,
    /// One line: what it is.
    pub doc: &'static str,
    /// The constructor.
    pub build: BuildFn,
}

impl std::fmt::Debug for CollectorEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CollectorEntry")
            .field("name", &self.name)
            .finish()
    }
}

/// Finds `name` in `entries`, or an error listing the valid names.
pub fn lookup<'a>(
    entries: &'a [CollectorEntry],
    name: &str,
) -> Result<&'a CollectorEntry, ConfigError> {
    entries.iter().find(|e| e.name == name).ok_or_else(|| {
        let names: Vec<&str> = entries.iter().map(|e| e.name).collect();
        ConfigError(format!(
            "unknown collector '{name}'; valid collectors: {}",
            names.join(", ")
        ))
    })
}
