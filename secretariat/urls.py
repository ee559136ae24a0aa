from django.urls import path

from . import views

app_name = "secretariat"

urlpatterns = [
    path("structure/", views.StructureView.as_view(), name="structure"),
    path("secretariat/", views.SecretariatView.as_view(), name="secretariat"),
]
