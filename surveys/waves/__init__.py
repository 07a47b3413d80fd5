"""Staff survey waves: who may answer, who has, and the ballot box that keeps answers apart from them.

models (Wave, StaffMember, Participation, SealedBallot), selectors (response rates),
services (staff list, invitations, submission), ballots (sealing and release), keys (the
key store outside the database), sealing (the encryption), views/urls (/staff/people/).
"""
