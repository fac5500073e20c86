from django.shortcuts import redirect


def index(request):
    return redirect("staff:application_list")


def agency(request, agency_id: int):
    return redirect("staff:application_list")
