"""Polish short dates with dots (13.02.2027), as Polish offices write them; Django's own Polish formats use
dashes. Everything not set here comes from Django's Polish formats."""

SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
