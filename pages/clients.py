"""Who is asking: the reader's address, trusting only the proxies the operator names."""

import ipaddress

from django.conf import settings


def _address(value):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


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


def trusted_proxies(values):
    """The setting's addresses as ipaddress objects (refusing anything that is not an address)."""
    addresses = set()
    for value in values:
        address = _address(value)
        if address is None:
            raise ValueError(f"LIMBER_TRUSTED_PROXIES: {value!r} is not an IP address")
        addresses.add(address)
    return frozenset(addresses)
