//! Binding, serving and shutting down.

use std::future::Future;
use std::net::SocketAddr;

use tokio::net::TcpListener;

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
        let listener = TcpListener::bind(wanted)
            .await
            .map_err(|source| Error::Bind { addr: wanted, source })?;
        let addr = listener.local_addr().map_err(|source| Error::Bind { addr: wanted, source })?;
        Ok(Server { listener, router: configured_router(state, config), addr })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Answers requests until `shutdown` completes, then lets requests in flight finish.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<()> {
        tracing::info!(addr = %self.addr, "serving");
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(Error::Serve)?;
        tracing::info!("server stopped");
        Ok(())
    }
}

/// Opens the catalogue, binds, and serves until `shutdown` completes.
pub async fn serve(
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    Server::bind(config).await?.run(shutdown).await
}
