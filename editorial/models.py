"""The editorial app's own records.

Django sends ``post_migrate`` (which makes the roles' groups, editorial/roles.py)
only to apps with a models module, so this one exists even while empty.
"""
