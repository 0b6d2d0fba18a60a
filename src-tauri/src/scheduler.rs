//! The background scheduler: runs a job at start, every hour, after the machine
//! wakes from sleep, and on demand ("Run reminders now").
//!
//! Wake detection: on Linux `Instant` (CLOCK_MONOTONIC) stops while the machine
//! sleeps but the wall clock (`SystemTime`) does not. The thread wakes every
//! [`SchedulerConfig::tick`]; if the wall clock moved more than
//! [`SchedulerConfig::wake_threshold`] further than the monotonic clock since the
//! previous tick, the machine slept, and the job runs with [`RunReason::Wake`].
//! A wall clock that moved backwards (clock set back) is not a wake.
//!
//! The start run waits until the window has drawn its first screen ([`Scheduler::ready`],
//! sent by the `ui_ready` command) or at most [`SchedulerConfig::start_after`], so the
//! reminder run does not compete with the first paint for the CPU.
//!
//! The job is a plain closure, so the scheduler is tested without Tauri; the app
//! plugs in [`crate::reminders::run`] (the core's reminder policy).

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use serde::Serialize;

/// Why the job ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum RunReason {
    /// The app started.
    Start,
    /// An hour (of monotonic time) passed since the previous run.
    Hourly,
    /// The machine woke from sleep.
    Wake,
    /// The user asked ("Run reminders now" in the tray or the UI).
    Manual,
}

/// The outcome of one reminder run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct ReminderRunSummary {
    /// Why it ran.
    pub reason: RunReason,
    /// When it finished, RFC 3339 with the local offset.
    pub finished_at: String,
    /// How many reminders were delivered.
    pub notified: u32,
    /// How many could not be delivered (kept and retried on the next run).
    pub failed: u32,
    /// Why delivery failed, when it did (e.g. no notification server).
    pub failure: Option<String>,
    /// The next deadline as the tray shows it, e.g. "Fri 1 Oct 2027 · Microsoft Peru
    /// Partnership Agreement: Non-renewal notice deadline".
    pub next_deadline: Option<String>,
}

/// Timing of the scheduler. All durations are monotonic except `wake_threshold`,
/// which compares the wall clock against the monotonic clock.
#[derive(Debug, Clone, Copy)]
pub struct SchedulerConfig {
    /// Time between periodic runs (one hour in the app).
    pub period: Duration,
    /// How often the thread looks at the clocks (30 s in the app).
    pub tick: Duration,
    /// Wall-clock time beyond monotonic time, within one tick, that means "the machine slept".
    pub wake_threshold: Duration,
    /// Longest wait for [`Scheduler::ready`] before the start run (10 s in the app).
    pub start_after: Duration,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        Self {
            period: Duration::from_secs(60 * 60),
            tick: Duration::from_secs(30),
            wake_threshold: Duration::from_secs(90),
            start_after: Duration::from_secs(10),
        }
    }
}

/// Decides whether a tick should run the job.
///
/// * `wall_elapsed`: wall-clock time since the previous tick, `None` if it went backwards;
/// * `mono_elapsed`: monotonic time since the previous tick;
/// * `since_last_run`: monotonic time since the job last ran.
pub fn classify(
    wall_elapsed: Option<Duration>,
    mono_elapsed: Duration,
    since_last_run: Duration,
    cfg: &SchedulerConfig,
) -> Option<RunReason> {
    if let Some(wall) = wall_elapsed {
        if wall > mono_elapsed.saturating_add(cfg.wake_threshold) {
            return Some(RunReason::Wake);
        }
    }
    (since_last_run >= cfg.period).then_some(RunReason::Hourly)
}

enum Msg {
    Ready,
    RunNow,
    Stop,
}

/// Handle to the scheduler thread. Dropping it stops the thread (and waits for a
/// running job to finish).
#[derive(Debug)]
pub struct Scheduler {
    tx: Sender<Msg>,
    thread: Option<JoinHandle<()>>,
}

impl Scheduler {
    /// Starts the thread; it runs `job(RunReason::Start)` once [`Scheduler::ready`] is
    /// called (or "run now" is asked), or after [`SchedulerConfig::start_after`].
    ///
    /// # Errors
    /// The OS error if the thread cannot be spawned.
    pub fn start<F>(cfg: SchedulerConfig, mut job: F) -> std::io::Result<Self>
    where
        F: FnMut(RunReason) + Send + 'static,
    {
        let (tx, rx) = mpsc::channel::<Msg>();
        let thread = std::thread::Builder::new()
            .name("reminder-scheduler".into())
            .spawn(move || {
                match rx.recv_timeout(cfg.start_after) {
                    Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                    Ok(Msg::Ready | Msg::RunNow) | Err(RecvTimeoutError::Timeout) => {}
                }
                job(RunReason::Start);
                let mut last_run = Instant::now();
                let mut prev_mono = Instant::now();
                let mut prev_wall = SystemTime::now();
                loop {
                    match rx.recv_timeout(cfg.tick) {
                        Ok(Msg::RunNow) => {
                            job(RunReason::Manual);
                            last_run = Instant::now();
                        }
                        Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => break,
                        Ok(Msg::Ready) | Err(RecvTimeoutError::Timeout) => {}
                    }
                    let (now_mono, now_wall) = (Instant::now(), SystemTime::now());
                    let wall = now_wall.duration_since(prev_wall).ok();
                    let mono = now_mono.duration_since(prev_mono);
                    (prev_mono, prev_wall) = (now_mono, now_wall);
                    if let Some(reason) = classify(wall, mono, now_mono - last_run, &cfg) {
                        tracing::info!(?reason, "scheduler: running the job");
                        job(reason);
                        last_run = Instant::now();
                    }
                }
                tracing::debug!("scheduler: stopped");
            })?;
        Ok(Self {
            tx,
            thread: Some(thread),
        })
    }

    /// Tells the thread the first screen has drawn: the start run may begin.
    pub fn ready(&self) {
        let _ = self.tx.send(Msg::Ready);
    }

    /// Asks the thread to run the job now (returns at once).
    ///
    /// # Errors
    /// [`crate::error::AppError::Internal`] if the thread has stopped.
    pub fn run_now(&self) -> crate::error::AppResult<()> {
        self.tx
            .send(Msg::RunNow)
            .map_err(|_| crate::error::AppError::Internal("the scheduler has stopped".into()))
    }
}

impl Drop for Scheduler {
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::Receiver;

    const S: fn(u64) -> Duration = Duration::from_secs;

    #[test]
    fn nothing_happens_within_the_hour() {
        let cfg = SchedulerConfig::default();
        assert_eq!(classify(Some(S(30)), S(30), S(59 * 60), &cfg), None);
    }

    #[test]
    fn hourly_after_sixty_monotonic_minutes() {
        let cfg = SchedulerConfig::default();
        assert_eq!(
            classify(Some(S(30)), S(30), S(60 * 60), &cfg),
            Some(RunReason::Hourly)
        );
    }

    #[test]
    fn a_wall_clock_jump_beyond_monotonic_time_is_a_wake() {
        let cfg = SchedulerConfig::default();
        // Slept 8 hours: the wall clock moved 8 h + 30 s, the monotonic clock 30 s.
        assert_eq!(
            classify(Some(S(8 * 3600 + 30)), S(30), S(600), &cfg),
            Some(RunReason::Wake)
        );
        // Small drift (NTP slew) is not a wake.
        assert_eq!(classify(Some(S(31)), S(30), S(600), &cfg), None);
        // Clock set back: not a wake.
        assert_eq!(classify(None, S(30), S(600), &cfg), None);
    }

    fn recv(rx: &Receiver<RunReason>) -> RunReason {
        rx.recv_timeout(S(5)).expect("the job should have run")
    }

    #[test]
    fn runs_at_start_on_demand_and_periodically_then_stops() {
        let (tx, rx) = mpsc::channel();
        let cfg = SchedulerConfig {
            period: Duration::from_millis(150),
            tick: Duration::from_millis(20),
            wake_threshold: S(90),
            start_after: S(30),
        };
        let sched = Scheduler::start(cfg, move |r| {
            let _ = tx.send(r);
        })
        .unwrap();
        // The start run waits for the first paint.
        assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
        sched.ready();
        assert_eq!(recv(&rx), RunReason::Start);
        sched.run_now().unwrap();
        assert_eq!(recv(&rx), RunReason::Manual);
        assert_eq!(recv(&rx), RunReason::Hourly);
        drop(sched);
        // The sender was moved into the job, which the stopped thread dropped.
        let mut rest = Vec::new();
        while let Ok(r) = rx.recv_timeout(S(1)) {
            rest.push(r);
        }
        assert!(rest.iter().all(|r| *r == RunReason::Hourly), "{rest:?}");
    }

    #[test]
    fn the_start_run_does_not_wait_forever_for_the_first_paint() {
        let (tx, rx) = mpsc::channel();
        let cfg = SchedulerConfig {
            start_after: Duration::from_millis(50),
            ..SchedulerConfig::default()
        };
        let sched = Scheduler::start(cfg, move |r| {
            let _ = tx.send(r);
        })
        .unwrap();
        assert_eq!(recv(&rx), RunReason::Start);
        drop(sched);
    }
}
