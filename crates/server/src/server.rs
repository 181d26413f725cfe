//! Binding, serving and shutting down.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::time::MissedTickBehavior;

use crate::config::ServerConfig;
use crate::routes::configured_router;
use crate::state::AppState;
use crate::{Error, Result};

/// A server with its catalogue open and its port bound, not yet answering.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    router: axum::Router,
    addr: SocketAddr,
    state: AppState,
    reload_every: Option<Duration>,
}

impl Server {
    /// Opens the catalogue and binds the address (port 0 picks a free one).
    pub async fn bind(config: ServerConfig) -> Result<Server> {
        let state = {
            let config = config.clone();
            // Opening the index and computing the tables read files: keep them off the
            // async threads.
            tokio::task::spawn_blocking(move || AppState::open(&config)).await??
        };
        Server::bind_state(state, &config).await
    }

    /// Binds the address for a state already built.
    pub async fn bind_state(state: AppState, config: &ServerConfig) -> Result<Server> {
        let wanted = config.listen_addr();
        let listener =
            TcpListener::bind(wanted).await.map_err(|error| Error::Bind { addr: wanted, error })?;
        let addr = listener.local_addr().map_err(|error| Error::Bind { addr: wanted, error })?;
        let router = configured_router(state.clone(), config);
        Ok(Server { listener, router, addr, state, reload_every: config.reload_every() })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Answers requests until `shutdown` completes, then lets requests in flight finish.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<()> {
        tracing::info!(addr = %self.addr, "serving");
        let reloader = self.reload_every.map(|every| tokio::spawn(reload(self.state, every)));
        let served = axum::serve(self.listener, self.router).with_graceful_shutdown(shutdown).await;
        if let Some(reloader) = reloader {
            reloader.abort();
        }
        served.map_err(Error::Serve)?;
        tracing::info!("server stopped");
        Ok(())
    }
}

/// Every `every`, reopens the catalogue if it changed on disk (on the blocking pool: opening
/// an index and computing the tables read files).
async fn reload(state: AppState, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    ticks.tick().await; // the first tick is now: the catalogue was just opened
    loop {
        ticks.tick().await;
        let state = state.clone();
        if let Err(err) = tokio::task::spawn_blocking(move || state.reload_if_changed()).await {
            tracing::error!(error = %err, "catalogue reload task failed");
        }
    }
}

/// Opens the catalogue, binds, and serves until `shutdown` completes.
pub async fn serve(
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    Server::bind(config).await?.run(shutdown).await
}
