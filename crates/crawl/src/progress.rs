//! The progress bar: pages, hosts active, errors and rate; hidden when stderr is not a
//! terminal (logs and CI output stay clean).

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

#[derive(Debug)]
pub struct CrawlProgress {
    bar: ProgressBar,
    started: Instant,
}

impl CrawlProgress {
    pub fn new(show: bool) -> Self {
        let bar = if show && std::io::stderr().is_terminal() {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        } else {
            ProgressBar::hidden()
        };
        CrawlProgress { bar, started: Instant::now() }
    }

    pub fn update(&self, pages: usize, active_hosts: usize, queued: usize, errors: usize) {
        if self.bar.is_hidden() {
            return;
        }
        let rate = pages as f64 / self.started.elapsed().as_secs_f64().max(0.001);
        self.bar.set_message(format!(
            "{pages} pages, {active_hosts} hosts active, {queued} queued, {errors} errors, {rate:.1} pages/s"
        ));
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
