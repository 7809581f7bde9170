"""``GET /users/me``."""

from fastapi import APIRouter

from pixely_api.app.deps import CallerDep
from pixely_api.schemas import UserOut

router = APIRouter(tags=["users"])


@router.get("/users/me", response_model=UserOut)
def me(caller: CallerDep) -> UserOut:
    return caller.user
