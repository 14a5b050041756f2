"""Who is asking: the reader's address, trusting only the proxies the operator names."""

import ipaddress
import re

from django.conf import settings

_PORT = re.compile(r"^(?:\[(?P<v6>[^\]]+)\]|(?P<v4>[0-9.]+))(?::\d+)?$")


def _address(value):
    """An address from a header or the environ: IPv4-mapped IPv6 unwrapped, a port left out."""
    value = value.strip()
    match = _PORT.match(value)
    if match:
        value = match.group("v6") or match.group("v4")
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    return address.ipv4_mapped or address if address.version == 6 else address


def through_our_proxy(request):
    """Whether the request came from one of the proxies in LIMBER["TRUSTED_PROXIES"]."""
    return _address(request.META.get("REMOTE_ADDR", "")) in settings.LIMBER["TRUSTED_PROXIES"]


def client_ip(request):
    """The address of the reader behind the request, as a string (None if there is none).

    `X-Forwarded-For` counts only when the request came from a proxy listed in
    LIMBER["TRUSTED_PROXIES"]: reading it from the right, the first address that is not one of
    those proxies is the reader. Anyone else talking to the server directly is their own
    address, whatever header they send."""
    trusted = settings.LIMBER["TRUSTED_PROXIES"]
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if peer is None or peer not in trusted:
        return str(peer) if peer else None
    forwarded = request.headers.get("X-Forwarded-For", "")
    for hop in reversed(forwarded.split(",")):
        address = _address(hop)
        if address is None:
            break  # a hop we cannot read: stop at the last one we trust
        peer = address
        if address not in trusted:
            break
    return str(peer)


def address_key(ip):
    """What limits per reader count by: the address, or for IPv6 its /64 (one home or phone has
    a whole /64 to hop around in)."""
    address = _address(ip or "")
    if address is None:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def client_key(request):
    return address_key(client_ip(request))


def trusted_proxies(values):
    """The setting's addresses as ipaddress objects (refusing anything that is not an address)."""
    addresses = set()
    for value in values:
        address = _address(value)
        if address is None:
            raise ValueError(f"LIMBER_TRUSTED_PROXIES: {value!r} is not an IP address")
        addresses.add(address)
    return frozenset(addresses)
