"""The OCR half of pismo: scans and PDFs in, typed pages of words with boxes out.

Nothing here knows about letter fields. Public surface: :mod:`ocr.types` (the data model),
:mod:`ocr.errors`, :func:`ocr.load.open_document`, :func:`ocr.engine.read_document`.
"""
