from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from languages.formatting import language_name

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class UploadForm(forms.Form):
    """A translated PO or XLIFF file (or a ZIP archive of several), and the
    language it is a translation into."""

    language = forms.ChoiceField(label=_("Language"))
    file = forms.FileField(
        label=_("PO or XLIFF file, or a ZIP archive of them"),
        widget=forms.ClearableFileInput(attrs={"accept": ".po,.xlf,.xliff,.xml,.zip"}),
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        reader = translation.get_language()
        self.fields["language"].choices = [
            (code, language_name(code, reader)) for code in site.languages
        ]
        # Files come back in a translation language: the reader's, when it is
        # one, else the first (the source language first in the list was a
        # trap: a file into it is refused).
        targets = [code for code in site.languages if code != site.default_language]
        self.fields["language"].initial = reader if reader in targets else next(iter(targets), "")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is too large: at most %(size)s MB.")
                % {"size": MAX_UPLOAD_BYTES // 2**20}
            )
        return upload
