//! Where the engine gets the time. Injectable so tests move time forward without sleeping.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, FixedOffset, Local, TimeDelta};

pub trait Clock {
    /// The current local time with its UTC offset.
    fn now(&self) -> DateTime<FixedOffset>;
}

/// The machine's clock in its local time zone.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }
}

/// A clock that only moves when told; clones share the same time.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<DateTime<FixedOffset>>>);

impl ManualClock {
    pub fn new(start: DateTime<FixedOffset>) -> Self {
        ManualClock(Arc::new(Mutex::new(start)))
    }

    pub fn advance(&self, by: TimeDelta) {
        let mut t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *t += by;
    }

    pub fn advance_secs(&self, secs: i64) {
        self.advance(TimeDelta::seconds(secs));
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<FixedOffset> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
