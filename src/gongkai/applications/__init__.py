"""Disclosure applications (依申请公开): the case record, its workflow and its event log."""
