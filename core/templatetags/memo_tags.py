"""``{% memo_fragment %}``: a part of a template rendered once per publication (core/memo.py).

    {% memo_fragment "application-fields" page.pk unless=form.is_bound %}
      …
    {% endmemo_fragment %}

The part is kept in the server process under its name, the values after it, the reader's
language and the request's site, until published content changes (the memo's generation), and
rendered again otherwise: for a preview, when ``unless`` is true, without a request, or with the
memo off. Only for parts that show nothing of the request beyond those keys (no CSRF token, no
user, no query string unless it is one of the values).
"""

from django import template
from django.utils import translation

from core import memo

register = template.Library()


class MemoFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, unless):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.unless = unless

    def render(self, context):
        request = context.get("request")
        if (
            request is None
            or getattr(request, "is_preview", False)
            or (self.unless is not None and self.unless.resolve(context))
        ):
            return self.nodelist.render(context)
        site = getattr(request, "_wagtail_site", None)
        key = (
            "fragment",
            self.name,
            translation.get_language(),
            site.pk if site is not None else None,
            *(value.resolve(context) for value in self.vary_on),
        )
        return memo.get(request, key, lambda: self.nodelist.render(context))


@register.tag
def memo_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    name = bits[1]
    if not (name[0] == name[-1] and name[0] in "\"'"):
        raise template.TemplateSyntaxError(f"{bits[0]}'s name must be a quoted string")
    unless = None
    vary_on = []
    for bit in bits[2:]:
        if bit.startswith("unless="):
            unless = parser.compile_filter(bit[len("unless=") :])
        else:
            vary_on.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endmemo_fragment",))
    parser.delete_first_token()
    return MemoFragmentNode(nodelist, name[1:-1], vary_on, unless)
