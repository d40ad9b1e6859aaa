from django.urls import path

from applications import views

urlpatterns = [
    path("applications/withdraw/<str:token>/", views.withdraw, name="application_withdraw"),
]
