# The PDF cache goes (decision 012): PDFs are made in the request. Its files may name
# subscribers, so they are deleted with the table.

from django.db import migrations


def delete_files(apps, schema_editor):
    for document in apps.get_model("documents", "RenderedDocument").objects.iterator():
        document.file.delete(save=False)


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0002_rendered_document'),
    ]

    operations = [
        migrations.RunPython(delete_files, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='RenderedDocument',
        ),
    ]
