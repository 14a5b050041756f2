"""`{% fragment %}`: a block of a template kept in the fragments cache under version tokens
(also loaded by `{% load limber %}`)."""

from django import template
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key

from pagecache import versions
from pagecache.cache import FRAGMENT_TIMEOUT

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, keys, scopes):
        self.nodelist, self.name, self.keys, self.scopes = nodelist, name, keys, scopes

    def render(self, context):
        if context.get("live_preview") or getattr(getattr(context, "request", None), "live_preview", False):
            return self.nodelist.render(context)  # unsaved content: nothing to keep, nothing kept
        tokens = versions.current() if self.scopes else {}
        parts = [key.resolve(context) for key in self.keys] + [tokens[scope] for scope in self.scopes]
        parts.append(versions.release())
        key = make_template_fragment_key(self.name, parts)
        store = caches["fragments"]
        html = store.get(key)
        if html is None:
            html = self.nodelist.render(context)
            store.set(key, html, FRAGMENT_TIMEOUT)
        return html


@register.tag
def fragment(parser, token):
    """`{% fragment name key ... [versions="content comments"] %}…{% endfragment %}`: the block's
    HTML, kept in the fragments cache under its name, the keys, and the tokens of the version
    scopes named. Those tokens change whenever what the scopes cover changes, so a kept
    fragment is never stale; the keys say what else it depends on."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment needs a name")
    scopes = []
    if bits[-1].startswith("versions="):
        scopes = bits.pop()[len("versions=") :].strip("\"'").split()
        unknown = set(scopes) - set(versions.SCOPES)
        if unknown:
            raise template.TemplateSyntaxError(f"fragment: unknown version scopes {sorted(unknown)}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]], scopes
    )
