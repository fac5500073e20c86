
app_name = "complaints"
urlpatterns: list = []
