"""The regional calendar: following other sites that run this package (docs/federation.md).

:mod:`.fetch` fetches and keeps their copies, :mod:`.tasks` queues that as a task,
:mod:`.regional` merges them with this site's own meetings and agreements for the page and feed.
"""
