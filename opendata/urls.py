from django.urls import path, re_path

from . import views

app_name = "opendata"

# The page that documents the data, under each language prefix.
urlpatterns = [path("", views.DataPageView.as_view(), name="page")]

# The files, one address each for every language (they hold all of them).
file_patterns = (
    [
        path("schema.json", views.schema_file, name="schema"),
        re_path(
            r"^(?P<name>[a-z-]+)\.(?P<extension>json|csv)$", views.dataset_file, name="dataset"
        ),
    ],
    "opendata_files",
)
