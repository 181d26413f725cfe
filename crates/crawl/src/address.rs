//! Which addresses the crawler may connect to.
//!
//! A crawler follows links other people wrote, so without a guard a page could send it to
//! `http://10.0.0.1/admin` or to a name that resolves to the metadata service. Hosts given
//! an explicit `--resolve` override go exactly where they were told (that is how the sample
//! web on loopback is crawled); every other name is resolved here and refused if any of its
//! addresses is private, loopback, link-local or otherwise not on the public internet. The
//! check is in the resolver that reqwest calls for every connection, so redirects and
//! re-resolution cannot slip past it; IP-literal URLs never reach a resolver, so
//! [`AddressPolicy::check_url`] covers those before a request is made.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// The override table and mode shared by the pre-request check and the resolver.
#[derive(Debug, Clone)]
pub struct AddressPolicy {
    overrides: Arc<HashMap<String, Vec<SocketAddr>>>,
    resolved_only: bool,
}

impl AddressPolicy {
    pub fn new(overrides: HashMap<String, Vec<SocketAddr>>, resolved_only: bool) -> Self {
        AddressPolicy { overrides: Arc::new(overrides), resolved_only }
    }

    /// Why `url` must not be requested, if it must not.
    pub fn check_url(&self, url: &Url) -> Result<(), String> {
        match url.host() {
            None => Err("URL has no host".to_owned()),
            Some(Host::Domain(name)) => {
                if self.resolved_only && !self.overrides.contains_key(name) {
                    Err(format!(
                        "{name} has no --resolve address and the crawl is resolved-only; not looked up"
                    ))
                } else {
                    Ok(())
                }
            }
            Some(Host::Ipv4(ip)) => self.check_literal(IpAddr::V4(ip)),
            Some(Host::Ipv6(ip)) => self.check_literal(IpAddr::V6(ip)),
        }
    }

    fn check_literal(&self, ip: IpAddr) -> Result<(), String> {
        if self.resolved_only {
            Err(format!("{ip} is an address literal and the crawl is resolved-only"))
        } else if is_public(ip) {
            Ok(())
        } else {
            Err(format!("{ip} is not a public address"))
        }
    }
}

impl Resolve for AddressPolicy {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_ascii_lowercase();
        if let Some(addrs) = self.overrides.get(&host) {
            let addrs: Addrs = Box::new(addrs.clone().into_iter());
            return Box::pin(async move { Ok(addrs) });
        }
        let resolved_only = self.resolved_only;
        Box::pin(async move {
            if resolved_only {
                return Err(format!("{host}: no --resolve address (resolved-only crawl)").into());
            }
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if let Some(bad) = addrs.iter().find(|addr| !is_public(addr.ip())) {
                return Err(format!(
                    "{host} resolves to {}, which is not public; refused",
                    bad.ip()
                )
                .into());
            }
            if addrs.is_empty() {
                return Err(format!("{host} resolves to no address").into());
            }
            let addrs: Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

/// Whether `ip` is an ordinary public unicast address.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => is_public_v4(ip),
        IpAddr::V6(ip) => match ip.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(ip),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (carrier NAT)
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || a >= 240) // reserved
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local
        || (first & 0xffc0) == 0xfe80 // link-local
        || first == 0x2001 && ip.segments()[1] == 0x0db8) // documentation
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_loopback_addresses_are_not_public() {
        for bad in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(bad.parse().expect("ip")), "{bad}");
        }
        for good in ["81.2.69.160", "2a00:1450:4009:81f::200e"] {
            assert!(is_public(good.parse().expect("ip")), "{good}");
        }
    }

    #[test]
    fn literals_and_resolved_only_names_are_checked_before_any_request() {
        let addr: SocketAddr = "127.0.0.1:8443".parse().expect("addr");
        let policy =
            AddressPolicy::new(HashMap::from([("www.uwl.ac.uk".to_owned(), vec![addr])]), true);
        let url = |u: &str| Url::parse(u).expect("url");
        assert!(policy.check_url(&url("https://www.uwl.ac.uk/")).is_ok());
        assert!(policy.check_url(&url("https://www.ucl.ac.uk/")).is_err());
        let open = AddressPolicy::new(HashMap::new(), false);
        assert!(open.check_url(&url("http://127.0.0.1/admin")).is_err());
        assert!(open.check_url(&url("http://[::1]/")).is_err());
        assert!(open.check_url(&url("http://81.2.69.160/")).is_ok());
    }
}
