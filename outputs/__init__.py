"""Archival outputs beside the JSON: ALTO XML, a searchable PDF, the batch's review page.

Each is built from pismo's own data (words with boxes and confidences, the extracted
fields and their evidence), never by a second OCR pass.
"""
