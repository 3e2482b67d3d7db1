from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from raovat.jobs.models import Job


@login_required
def job_progress(request, pk: int):
    # A job is the business of whoever started it and of their unit; others get 404.
    mine = Q(created_by=request.user)
    if request.user.unit_id:
        mine |= Q(unit_id=request.user.unit_id)
    job = get_object_or_404(Job.objects.filter(mine), pk=pk)
    return render(request, "jobs/_progress.html", {"job": job})
