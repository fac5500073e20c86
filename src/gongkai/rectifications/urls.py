
app_name = "rectifications"
urlpatterns: list = []
