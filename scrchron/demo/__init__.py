"""The bundled demo review (``demo_review``) and ``make run's`` launcher (``launch``).
"""
