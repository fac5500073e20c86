"""The administrator-maintained table of public holidays and make-up working days, per year."""
