"""Staff pages (issue 12): times in China Standard Time, rollback's confirmation, the way to
sign in from /history and back from the sign-in page, in English. Keys shared with staff_zh."""

MESSAGES: dict[str, str] = {
    # ----- times: every stored time is shown in China Standard Time, with the zone -----
    "staff.time": "{time} CST",
    "staff.time_zone": "China Standard Time (Beijing time, UTC+8)",
    # ----- /history signed out -----
    "staff.history_sign_in": "Sign in with a staff account to see the revisions.",
    "staff.history_staff_only": "The revisions are shown to staff accounts only.",
    # ----- the sign-in page -----
    "staff.back_to_site": "← Back to the tracker",
    # ----- rollback: asked first, naming what will change -----
    "staff.rollback_ask": "Roll back revision {revision}…",
    "staff.confirm_heading": "Roll back revision {revision}?",
    "staff.confirm_what": "Revision {revision}: {what}, by {who}, {when}.",
    "staff.confirm_file": "file {file}",
    "staff.confirm_rollback_of": "the rollback of revision {revision}",
    "staff.confirm_values_restored.one": "{count} value goes back to its earlier figure",
    "staff.confirm_values_restored.other": "{count} values go back to their earlier figures",
    "staff.confirm_values_withdrawn.one": "{count} value is withdrawn (it did not exist before)",
    "staff.confirm_values_withdrawn.other": "{count} values are withdrawn (they did not exist before)",
    "staff.confirm_records_restored.one": "{count} record goes back to what it was before",
    "staff.confirm_records_restored.other": "{count} records go back to what they were before",
    "staff.confirm_records_withdrawn.one": "{count} record is withdrawn (it did not exist before)",
    "staff.confirm_records_withdrawn.other": "{count} records are withdrawn (they did not exist before)",
    "staff.confirm_line": "{what}: {now} → {after}",
    "staff.confirm_record_line": ": {after}",
    "staff.confirm_and": " and ",
    "staff.confirm_counts": "A new revision will be written: {counts}.",
    "staff.confirm_withdrawn": "withdrawn",
    "staff.confirm_restored": "back as before",
    "staff.confirm_more": "… and {count} more, listed under the revision's changes above.",
    "staff.confirm_kept": "Nothing is deleted: revision {revision} stays in the list, marked as rolled back.",
    "staff.confirm": "Yes, roll back revision {revision}",
    "staff.cancel": "Cancel",
    # ----- the corridor slider's note: internal column names in plain words -----
    "staff.note_as_of": "the date shown",
}
