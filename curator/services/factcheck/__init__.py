"""The fact-check service, split by job (see ``service``); ``FactCheckService`` is what callers import."""

from curator.services.factcheck.service import FactCheckService
from curator.services.factcheck.sync import FactCheckSync
from curator.services.factcheck.validators import body_hash

__all__ = ["FactCheckService", "FactCheckSync", "body_hash"]
