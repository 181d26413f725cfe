"""Scrapy side of the coursemap crawler benchmark.

A link-following spider over the generated web (crates/faultweb, `GeneratedWeb`), configured
to coursemap's politeness: robots.txt obeyed, one request at a time per host, the same fixed
per-host delay, the same per-host page budget. Loopback only: every request (robots.txt
included) goes through the generated web's server used as an HTTP proxy, and the DNS
resolver answers 127.0.0.1 for every name, so no packet can leave the machine.

Run by run.sh as:
  scrapy runspider loopback_spider.py -a seeds=SEEDS.toml -a proxy=127.0.0.1:PORT \
      -a budget=N -s DOWNLOAD_DELAY=SECONDS
"""

import collections
import tomllib
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from twisted.internet import defer
from twisted.internet.interfaces import IResolverSimple
from zope.interface import implementer


@implementer(IResolverSimple)
class LoopbackResolver:
    """Every name is 127.0.0.1: a guard, since requests already go to the loopback proxy."""

    def __init__(self, *args, **kwargs):
        pass

    @classmethod
    def from_crawler(cls, crawler, reactor):
        return cls()

    def install_on_reactor(self):
        from twisted.internet import reactor

        reactor.installResolver(self)

    def getHostByName(self, name, timeout=None):
        return defer.succeed("127.0.0.1")


class LoopbackProxyMiddleware:
    """Sends every request, robots.txt included, to the loopback server as a proxy."""

    def __init__(self, proxy):
        self.proxy = f"http://{proxy}"

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.spidercls.proxy_addr)

    def process_request(self, request, spider=None):
        request.meta["proxy"] = self.proxy
        return None


class HostBudgetMiddleware:
    """coursemap's --max-pages-per-host: at most `budget` page requests per host (robots.txt
    aside); later ones are dropped before they are sent."""

    def __init__(self, budget):
        self.budget = budget
        self.sent = collections.Counter()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.spidercls.page_budget)

    def process_request(self, request, spider=None):
        parts = urlsplit(request.url)
        if parts.path == "/robots.txt":
            return None
        if self.sent[parts.hostname] >= self.budget:
            raise IgnoreRequest(f"page budget of {parts.hostname} spent")
        self.sent[parts.hostname] += 1
        return None


class GeneratedWebSpider(scrapy.Spider):
    name = "generated_web"
    proxy_addr = None
    page_budget = 500

    custom_settings = {
        "ROBOTSTXT_OBEY": True,
        # coursemap's default global bound; the queue is the one Scrapy's "broad crawls"
        # guide recommends for many hosts at once (the default one is markedly slower here).
        "CONCURRENT_REQUESTS": 16,
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "RANDOMIZE_DOWNLOAD_DELAY": False,
        "AUTOTHROTTLE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "DNS_RESOLVER": f"{__name__}.LoopbackResolver",
        # After the offsite (50) and robots.txt (100) filters, so only requests that will be
        # sent count against the budget; before HttpProxyMiddleware (750) reads the proxy.
        "DOWNLOADER_MIDDLEWARES": {
            f"{__name__}.HostBudgetMiddleware": 650,
            f"{__name__}.LoopbackProxyMiddleware": 700,
        },
        "LOG_LEVEL": "INFO",
    }

    def __init__(self, seeds, proxy, budget="500", *args, **kwargs):
        super().__init__(*args, **kwargs)
        with open(seeds, "rb") as f:
            providers = tomllib.load(f)["provider"]
        self.start_urls = [url for p in providers for url in p["start_urls"]]
        self.allowed_domains = [host for p in providers for host in p["allowed_hosts"]]
        type(self).proxy_addr = proxy
        type(self).page_budget = int(budget)

    def parse(self, response):
        if not isinstance(response, scrapy.http.HtmlResponse):
            return
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, callback=self.parse)
