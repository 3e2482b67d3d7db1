"""How form widgets are drawn."""

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(BaseRenderer):
    """Django's own Jinja2 templates of its widgets (the same HTML as its Django-template
    ones, drawn several times faster: a filter form of a work list or "Tra cứu" is a few
    hundred options); widgets that ship only a Django template, such as the admin's, are
    drawn with Django's renderer as before."""

    def __init__(self):
        self.jinja2 = Jinja2()
        self.django = DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)
