"""The accessibility statement's report form, its emails, the admin listing and erasing."""
