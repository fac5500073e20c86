"""Agencies (the tree of government bodies) and the roles people hold in them."""
