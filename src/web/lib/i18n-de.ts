/**
 * German for the web app, keyed by the English text. Codes the server sends
 * (touch kinds, circles, statuses) have English labels in `en` and German ones here.
 */

/** English labels for codes (the English text of everything else is its own key). */
export const en: Record<string, string> = {
  dm: 'Message',
  'code-review': 'Code review',
  'shout-out': 'Shout-out',
  'in-person': 'In person',
  'side-project': 'Side project',
  'can-help': 'Can help with',
  'looking-for': 'Looking for',
  'status:due': 'Due',
  'status:ok': 'On track',
  'status:paused': 'Paused',
  'status:new': 'No touch yet',
  'status:no-cadence': 'No cadence',
  'health:low': 'Drifting (under 40)',
  'health:mid': 'Fair (40–69)',
  'health:high': 'Strong (70+)',
  recency: 'Recency',
  reciprocity: 'Reciprocity',
  depth: 'Depth',
  reliability: 'Reliability',
  initiation: 'Two-way initiation',
};

export const de: Record<string, string> = {
  // Codes
  dm: 'Nachricht', email: 'E-Mail', call: 'Anruf', video: 'Videoanruf', coffee: 'Kaffee', comment: 'Kommentar', event: 'Veranstaltung',
  'code-review': 'Code-Review', mentoring: 'Mentoring', intro: 'Vorstellung', 'shout-out': 'Öffentlicher Dank', other: 'Sonstiges',
  inner: 'innerer Kreis', active: 'aktiv', network: 'Netzwerk', dormant: 'ruhend',
  'in-person': 'Persönlich', phone: 'Telefon', linkedin: 'LinkedIn', chat: 'Chat', social: 'Social Media',
  interest: 'Interesse', goal: 'Ziel', 'side-project': 'Nebenprojekt', challenge: 'Herausforderung', 'can-help': 'Kann helfen bei', 'looking-for': 'Sucht',
  'status:due': 'Fällig', 'status:ok': 'Im Plan', 'status:paused': 'Pausiert', 'status:new': 'Noch kein Kontakt', 'status:no-cadence': 'Kein Rhythmus',
  'health:low': 'Driftet (unter 40)', 'health:mid': 'Mittel (40–69)', 'health:high': 'Stark (70+)',
  recency: 'Aktualität', reciprocity: 'Gegenseitigkeit', depth: 'Tiefe', reliability: 'Verlässlichkeit', initiation: 'Wer sich meldet',
  give: 'geben', ask: 'bitten', receive: 'erhalten', open: 'offen', kept: 'gehalten', broken: 'gebrochen',
  resource: 'Ressource', review: 'Review', referral: 'Empfehlung', recommendation: 'Empfehlung', help: 'Hilfe', thanks: 'Dank',
  read: 'lesen', 'read and write': 'lesen und schreiben',
  // Shell
  Today: 'Heute', Contacts: 'Kontakte', Composer: 'Nachricht schreiben', Insights: 'Einblicke', 'Events & communities': 'Events & Communities',
  Introductions: 'Vorstellungen', Writing: 'Schreiben', Resources: 'Ressourcen', 'Import & export': 'Import & Export', Settings: 'Einstellungen',
  'Skip to content': 'Zum Inhalt springen', 'kith: Today': 'kith: Heute', Capture: 'Notieren', Theme: 'Farbschema', 'System theme': 'Wie das System',
  Light: 'Hell', Dark: 'Dunkel', Language: 'Sprache', 'Log out': 'Abmelden', Main: 'Hauptnavigation', 'Loading…': 'Lädt…',
  // Auth
  'Welcome to kith': 'Willkommen bei kith', 'Log in': 'Anmelden', 'Your name': 'Dein Name', Email: 'E-Mail', Password: 'Passwort',
  'Create my account': 'Konto anlegen', 'At least 10 characters. Your data stays on this machine.': 'Mindestens 10 Zeichen. Deine Daten bleiben auf diesem Rechner.',
  'kith helps you keep in touch with the people you know: who to reach out to today, what to say, what you promised.':
    'kith hilft dir, mit den Menschen in Kontakt zu bleiben, die du kennst: bei wem du dich heute meldest, was du sagst, was du versprochen hast.',
  'The people you know, and how to keep in touch.': 'Die Menschen, die du kennst, und wie du in Kontakt bleibst.',
  'That email and password do not match.': 'E-Mail und Passwort passen nicht zusammen.',
  'Too many attempts. Wait a moment and try again.': 'Zu viele Versuche. Warte kurz und versuche es noch einmal.',
  // Today
  "Start with 3–5 people you'd like to know better": 'Beginne mit 3–5 Menschen, die du besser kennenlernen möchtest',
  'Not everyone you know: a few people you want to stay close to. kith will remind you when it is time to reach out, and why. Widen the circle once the habit holds.':
    'Nicht alle, die du kennst: ein paar Menschen, mit denen du in Verbindung bleiben willst. kith erinnert dich, wann es Zeit ist, dich zu melden, und warum. Erweitere den Kreis, wenn die Gewohnheit hält.',
  'Or bring everyone in at once:': 'Oder hole alle auf einmal herein:',
  'import your LinkedIn connections or a vCard file': 'importiere deine LinkedIn-Kontakte oder eine vCard-Datei',
  'Nothing is due today': 'Heute ist nichts fällig',
  'Your people are in good shape. A good moment to give first: share an article, make an introduction, thank someone.':
    'Deinen Leuten geht es gut. Ein guter Moment, zuerst zu geben: einen Artikel teilen, jemanden vorstellen, jemandem danken.',
  Agenda: 'Tagesplan', 'Say thank you': 'Danke sagen', Introduction: 'Vorstellung', Community: 'Community', 'Tip: press C anywhere to capture what happened in one line.': 'Tipp: Drücke überall C, um in einer Zeile festzuhalten, was passiert ist.',
  You: 'Du', They: 'Sie', 'Actions for {who}': 'Aktionen für {who}', 'Kind of touch': 'Art des Kontakts', 'Log touch': 'Kontakt eintragen',
  'Snooze for': 'Zurückstellen für', '1 day': '1 Tag', '1 week': '1 Woche', '1 month': '1 Monat', Snooze: 'Zurückstellen', Done: 'Erledigt',
  Write: 'Schreiben', 'Logged.': 'Eingetragen.', 'Snoozed.': 'Zurückgestellt.', 'Done.': 'Erledigt.',
  'Your promise': 'Dein Versprechen', 'Their promise': 'Ihr Versprechen', 'Follow-up': 'Nachfassen', 'Awaiting your reply': 'Wartet auf deine Antwort',
  'Check-in': 'Melden', Birthday: 'Geburtstag', 'After the event': 'Nach dem Event', 'New job': 'Neuer Job', 'Reader response': 'Leserantwort', 'Give first': 'Zuerst geben',
  // Capture
  'Quick capture': 'Schnell notieren', Close: 'Schließen', 'What happened?': 'Was ist passiert?',
  'coffee with Anna yesterday about Rust meetup; promised to send slides by Friday': 'Kaffee mit Anna gestern über das Rust-Meetup; versprochen, bis Freitag die Folien zu schicken',
  'One line: what, with whom, when, about what; promises and follow-ups after a semicolon. Enter saves.':
    'Eine Zeile: was, mit wem, wann, worüber; Versprechen und Nachfassen nach einem Semikolon. Enter speichert.',
  Preview: 'Vorschau', 'Saved: {what}': 'Gespeichert: {what}', 'This will be written': 'Das wird gespeichert', Touch: 'Kontakt', With: 'Mit', Topics: 'Themen',
  'No touchpoint in this line.': 'In dieser Zeile steht kein Kontakt.', 'You promised': 'Du hast versprochen', 'They promised': 'Sie haben versprochen',
  'due {day}': 'fällig {day}', 'Follow up': 'Nachfassen', Save: 'Speichern', Cancel: 'Abbrechen',
  // Contacts
  '{n} people': '{n} Menschen', 'Add contact': 'Kontakt hinzufügen', 'Add a contact': 'Einen Kontakt hinzufügen', Search: 'Suche',
  'Name, company, topic, note…': 'Name, Firma, Thema, Notiz…', Circle: 'Kreis', All: 'Alle', Tag: 'Tag', Status: 'Status', Health: 'Beziehungspflege',
  'Contact list': 'Kontaktliste', 'Add them here, or import your LinkedIn connections and pick a few.': 'Füge sie hier hinzu, oder importiere deine LinkedIn-Kontakte und wähle ein paar aus.',
  Name: 'Name', Company: 'Firma',
  // Contact page
  'Write a message': 'Nachricht schreiben', Edit: 'Bearbeiten', 'Move to trash': 'In den Papierkorb', 'Log a touch': 'Kontakt eintragen',
  'Who reached out': 'Wer hat sich gemeldet', 'I did': 'Ich', 'They did': 'Die andere Person', When: 'Wann', About: 'Worüber',
  Context: 'Kontext', 'How we met': 'Wie wir uns kennen', 'Not noted yet: where did you meet, who introduced you?': 'Noch nicht notiert: Wo habt ihr euch getroffen, wer hat euch vorgestellt?',
  Reach: 'Erreichbar', 'Work history': 'Berufsweg', Boundaries: 'Grenzen', Notes: 'Notizen', 'Paused until': 'Pausiert bis', 'Minimum gap': 'Mindestabstand',
  '{n} days': '{n} Tage', 'Preferred channel': 'Bevorzugter Kanal', Note: 'Notiz', 'None set. The agenda respects any you add.': 'Keine. Die Agenda hält sich an alle, die du einträgst.',
  'What are they working on, curious about, struggling with? Topics make messages personal.': 'Woran arbeitet die Person, was interessiert sie, womit kämpft sie? Themen machen Nachrichten persönlich.',
  'Give and ask': 'Geben und Bitten', 'Given {g} · asked {a} · received {r}': 'Gegeben {g} · gebeten {a} · erhalten {r}', 'balance +{n}': 'Bilanz +{n}', 'balance {n}': 'Bilanz {n}',
  'Give first before the next ask: an intro, a resource, a review.': 'Gib zuerst, bevor du wieder bittest: eine Vorstellung, eine Ressource, ein Review.',
  Direction: 'Richtung', Kind: 'Art', Record: 'Eintragen', 'Follow-ups': 'Nachfassen', 'Follow up with': 'Nachfassen mit', By: 'Bis', Add: 'Hinzufügen',
  Commitments: 'Versprechen', Promise: 'Versprechen', Due: 'Fällig', Theirs: 'Ihres', Kept: 'Gehalten', Broken: 'Gebrochen',
  'Every promise counts, however small. Keep them here.': 'Jedes Versprechen zählt, auch das kleinste. Halte sie hier fest.',
  'Send an article, ask how it went: note it here with a date.': 'Einen Artikel schicken, fragen, wie es lief: notiere es hier mit Datum.',
  Timeline: 'Verlauf', Older: 'Ältere', 'you reached out': 'du hast dich gemeldet', 'they reached out': 'sie haben sich gemeldet',
  'No touches yet. Log the first one: a message, a coffee, a comment on their post.': 'Noch keine Kontakte. Trag den ersten ein: eine Nachricht, ein Kaffee, ein Kommentar zu einem Beitrag.',
  // Composer
  'A message once or twice a year only works if it is personal.': 'Eine Nachricht ein- oder zweimal im Jahr wirkt nur, wenn sie persönlich ist.',
  Message: 'Nachricht', 'Message to {name}': 'Nachricht an {name}', 'Language of the message': 'Sprache der Nachricht', 'Add my scheduling link': 'Meinen Terminlink einfügen',
  'If it suits you, pick a time here: {link}': 'Wenn es dir passt, such dir hier einen Termin aus: {link}', 'Copy to clipboard': 'In die Zwischenablage', 'Copied.': 'Kopiert.',
  'No scheduling link yet:': 'Noch kein Terminlink:', 'add one in Settings': 'in den Einstellungen hinzufügen', 'Message check': 'Nachrichten-Check',
  'Start writing; the check runs as you type.': 'Schreib los; der Check läuft beim Tippen.', personal: 'persönlich', 'Personal and specific. Good to send.': 'Persönlich und konkret. Kann raus.',
  Findings: 'Befunde', 'Hooks from their record': 'Anknüpfungspunkte aus dem Kontakt', Suggestions: 'Vorschläge', 'Who are you writing to?': 'An wen schreibst du?',
  'To: {name} (pick someone else)': 'An: {name} (jemand anderen wählen)', 'Type a name': 'Namen eingeben', 'Matching contacts': 'Passende Kontakte', 'Nobody by that name.': 'Niemand mit diesem Namen.',
  // Insights
  'Relationships take months. Here is how your habits are holding.': 'Beziehungen brauchen Monate. So halten deine Gewohnheiten.',
  'Touches per week': 'Kontakte pro Woche', 'Goal: {goal} a week': 'Ziel: {goal} pro Woche', 'Streak: {n} weeks': 'Serie: {n} Wochen',
  'Health distribution': 'Verteilung der Beziehungspflege', '{n} people · median {m}': '{n} Menschen · Median {m}', Drifting: 'Driftet ab',
  given: 'gegeben', asked: 'gebeten', received: 'erhalten', 'Commitments kept': 'Gehaltene Versprechen',
  // Import, settings, pages
  Import: 'Import', Export: 'Export', File: 'Datei', Format: 'Format', 'Detect from the file': 'Aus der Datei erkennen', 'Imported.': 'Importiert.',
  'Import {n} records': '{n} Datensätze importieren', Line: 'Zeile', Field: 'Feld', Problem: 'Problem', 'Problems ({n})': 'Probleme ({n})', Result: 'Ergebnis',
  new: 'neu', updated: 'aktualisiert', merged: 'zusammengeführt', skipped: 'übersprungen', invalid: 'ungültig',
  'Every import shows a preview first, writes all or nothing, and can be run again safely.': 'Jeder Import zeigt zuerst eine Vorschau, schreibt alles oder nichts und kann gefahrlos wiederholt werden.',
  Profile: 'Profil', 'Scheduling link': 'Terminlink', 'Time zone': 'Zeitzone', Goals: 'Ziele', 'Touches per week ': 'Kontakte pro Woche', 'Items on Today': 'Einträge auf Heute',
  'Posts per month': 'Beiträge pro Monat', 'Save profile': 'Profil speichern', 'Saved.': 'Gespeichert.', 'API tokens': 'API-Tokens', 'Calendar feed': 'Kalender-Feed',
  'Language of this app': 'Sprache dieser App', 'Turn on': 'Einschalten', 'Turn off': 'Ausschalten', 'New URL': 'Neue URL', 'Feed URL': 'Feed-URL', Revoke: 'Widerrufen',
  Create: 'Erstellen', Scope: 'Umfang', Events: 'Events', Communities: 'Communities', Posts: 'Beiträge', Cadence: 'Rhythmus',
  'This server does not offer {what} yet. The page will work once it does.': 'Dieser Server bietet {what} noch nicht an. Die Seite funktioniert, sobald er es tut.',
};
