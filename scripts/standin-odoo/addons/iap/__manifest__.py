# Stand-in: version and dependencies of Odoo 17.0's iap module (addons/iap/__manifest__.py).
{
    'name': 'In-App Purchases',
    'version': '1.1',
    'category': 'Hidden/Tools',
    'depends': [
        'web',
        'base_setup',
    ],
    'auto_install': True,
    'license': 'LGPL-3',
}
