from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, Http404
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


@login_required
def job_result(request, pk: int):
    # The file holds what its maker was allowed to see (names of subscribers): it is
    # theirs alone, not their unit's.
    job = get_object_or_404(Job, pk=pk, created_by=request.user)
    if not job.result_ready:
        raise Http404("Tệp không còn.")
    response = FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)
    response["Cache-Control"] = "private, no-store"
    return response
