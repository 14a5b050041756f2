import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from practice.stats import summary as practice_summary
from stretches.models import Article

from .accounts import delete_member, export_member
from .forms import DeleteAccountForm, ProfileForm
from .models import SavedArticle, User


@login_required
def area(request):
    saved = request.user.saved.select_related("article__topic").filter(article__in=Article.objects.live())
    comments = request.user.comments.select_related("article").order_by("-created_at")
    context = {"saved": saved, "comments": comments, "practice": practice_summary(request.user)}
    return render(request, "members/area.html", context)


@login_required
def profile(request):
    if request.method != "POST":
        return render(request, "members/profile.html", {"form": ProfileForm(instance=request.user)})
    # A copy: a refused form must not show its unsaved values as if saved (the header greeting).
    form = ProfileForm(request.POST, request.FILES, instance=User.objects.get(pk=request.user.pk))
    if form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("members:profile")
    if request.FILES.get("avatar_upload") and "avatar_upload" not in form.errors:
        form.add_error(
            "avatar_upload",
            "Your picture was fine, but a refused form cannot keep it: please choose it again.",
        )
    return render(request, "members/profile.html", {"form": form})


@require_POST
@login_required
def toggle_saved(request, slug):
    article = get_object_or_404(Article.objects.live(), slug=slug)
    saved, created = SavedArticle.objects.get_or_create(user=request.user, article=article)
    if created:
        messages.success(request, f"Saved “{article.title}” to your member area.")
    else:
        saved.delete()
        messages.success(request, f"Removed “{article.title}” from your saved articles.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = article.get_absolute_url()
    return redirect(back)


@never_cache
@login_required
def export(request):
    data = export_member(request.user, request)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    filename = f"limber-export-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@reauthentication_required
def delete_account(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_member(user, delete_comments=form.cleaned_data["delete_comments"])
        messages.success(request, "Your account and everything in it has been deleted. Take care!")
        return redirect("home")
    return render(request, "members/delete.html", {"form": form})
